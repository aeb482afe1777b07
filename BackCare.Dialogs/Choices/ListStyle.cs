namespace BackCare.Dialogs.Choices;

/// <summary>How a prompt shows its choices.</summary>
public enum ListStyle
{
    /// <summary>Choices are not shown; the prompt's text must name them.</summary>
    None,

    /// <summary>The best the channel supports: suggested actions where it shows them all, else a hero card.</summary>
    Auto,

    /// <summary>In the text, on one line: "(1) yes or (2) no".</summary>
    Inline,

    /// <summary>In the text, as a numbered list.</summary>
    List,

    /// <summary>As suggested actions (buttons that disappear once used).</summary>
    SuggestedAction,

    /// <summary>As the buttons of a hero card.</summary>
    HeroCard,
}
