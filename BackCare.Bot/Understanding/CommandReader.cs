using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Recognises the commands that work at any turn. Only a message that is the command (give or take "please")
/// counts, so an answer such as "it helps when I stop" is never taken for one.
/// </summary>
public static partial class CommandReader
{
    /// <summary>Reads a command.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The command, or <see cref="Command.None"/>.</returns>
    public static Command Read(string? text)
    {
        var said = Polite().Replace(TextNormalizer.Normalize(text), string.Empty).Trim();
        if (said.Length == 0)
        {
            return Command.None;
        }

        if (Help().IsMatch(said))
        {
            return Command.Help;
        }

        if (StartOver().IsMatch(said))
        {
            return Command.StartOver;
        }

        if (Cancel().IsMatch(said))
        {
            return Command.Cancel;
        }

        if (Summary().IsMatch(said))
        {
            return Command.Summary;
        }

        return Delete().IsMatch(said) ? Command.DeleteMyData : Command.None;
    }

    [GeneratedRegex(@"^(please|pls|ok|okay|can\s+you|could\s+you|i\s+want\s+to|i'd\s+like\s+to|i\s+would\s+like\s+to|let's|let\s+me)\s+|[\s.!,]+(please|pls|thanks|thank\s+you)?[.!]*$|[.!]+$")]
    private static partial Regex Polite();

    [GeneratedRegex(@"^(help|help\s+me|\?+|what\s+can\s+you\s+do\??|what\s+do\s+you\s+do\??|how\s+does\s+this\s+work\??|what\s+does\s+this\s+mean\??|i\s+don'?t\s+understand|menu|options|commands)$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^(start\s+over|start\s+again|restart|reset|begin\s+again|from\s+the\s+(top|beginning|start)|new\s+check|start\s+a\s+new\s+check|redo|re-?check(\s+my\s+symptoms)?|check\s+my\s+symptoms\s+again)$")]
    private static partial Regex StartOver();

    [GeneratedRegex(@"^(cancel|quit|exit|abort|stop|stop\s+(it|this|that|now|everything)|end|never\s*mind|nevermind|forget\s+it)$")]
    private static partial Regex Cancel();

    [GeneratedRegex(@"^(summary|summari[sz]e|show\s+(me\s+)?(a\s+|the\s+|my\s+)?summary|my\s+summary|my\s+answers|show\s+(me\s+)?my\s+answers|report|handover|doctor\s+summary)$")]
    private static partial Regex Summary();

    [GeneratedRegex(@"^((delete|erase|forget|remove|wipe|clear)\s+(all\s+)?(of\s+)?(my|me)(\s+(data|details|information|info|answers|history))?|forget\s+about\s+me|delete\s+(all\s+)?(the\s+|this\s+)?data|delete\s+everything)$")]
    private static partial Regex Delete();
}
