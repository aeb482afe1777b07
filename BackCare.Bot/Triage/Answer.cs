namespace BackCare.Bot.Triage;

/// <summary>An answer to a yes/no question. <see cref="NotSure"/> to a warning sign counts as a possible yes.</summary>
public enum Answer
{
    No,
    Yes,
    NotSure,
}

/// <summary>Which legs a symptom is in.</summary>
public enum Legs
{
    One,
    Both,

    /// <summary>The person could not say; counted as both legs, the more urgent reading.</summary>
    NotSure,
}

/// <summary>The person's age, as a range. Stored by name.</summary>
public enum AgeBand
{
    /// <summary>Version 1's band; read from old state, and asked again.</summary>
    Under50,

    /// <summary>Version 1's band; read from old state, and asked again.</summary>
    FiftyOrOver,

    Under16,
    From16To19,
    From20To49,

    /// <summary>Version 2's first band from 50; read from state stored before the line at 65, and kept (it may be 65 or over).</summary>
    From50To69,
    SeventyOrOver,

    // The line at 65 (exercise gates, clinical rules v2 "Gentle routine"). Added at the end: stored by name.
    From50To64,
    From65To69,
}

/// <summary>Where the back pain is.</summary>
public enum PainSite
{
    Lower,
    Upper,
    Both,
}

/// <summary>Helpers for reading answers the safe way.</summary>
public static class AnswerExtensions
{
    /// <summary>Whether the answer counts as yes for a warning sign: yes, or not sure.</summary>
    public static bool CountsAsYes(this Answer? answer) => answer is Answer.Yes or Answer.NotSure;

    /// <summary>Whether the answer counts as no for a question whose "no" is the warning sign: no, or not sure.</summary>
    public static bool CountsAsNo(this Answer? answer) => answer is Answer.No or Answer.NotSure;

    /// <summary>The more careful of two answers to a warning sign: yes over not sure over no.</summary>
    public static Answer Stronger(this Answer? earlier, Answer later) => (earlier, later) switch
    {
        (Answer.Yes, _) => Answer.Yes,
        (Answer.NotSure, Answer.No) => Answer.NotSure,
        _ => later,
    };

    /// <summary>Whether an age band is one of version 2's (version 1's are asked again).</summary>
    /// <remarks>A stored <see cref="AgeBand.From50To69"/> is not asked again: it is enough for the triage, and the exercise gates read it as possibly 65 or over.</remarks>
    public static bool IsCurrent(this AgeBand? band) => band is AgeBand.Under16 or AgeBand.From16To19 or AgeBand.From20To49 or AgeBand.From50To69
        or AgeBand.From50To64 or AgeBand.From65To69 or AgeBand.SeventyOrOver;

    /// <summary>Whether the band is 50 or over.</summary>
    public static bool FiftyOrOver(this AgeBand? band) => band is AgeBand.FiftyOrOver or AgeBand.From50To69 or AgeBand.From50To64 or AgeBand.From65To69 or AgeBand.SeventyOrOver;

    /// <summary>
    /// Whether the person may be 65 or over, read on the safe side: an unknown age, and the older bands that
    /// straddle 65 (version 1's "50 or over", and "50 to 69" stored before the line at 65), count as possibly 65 or over.
    /// </summary>
    public static bool MayBeSixtyFiveOrOver(this AgeBand? band) => band is not (AgeBand.Under16 or AgeBand.From16To19 or AgeBand.From20To49 or AgeBand.Under50 or AgeBand.From50To64);
}
