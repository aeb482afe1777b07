using System.Text.RegularExpressions;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Reads the routine's commands from buttons or typed text: "done" / "next", "repeat", "back", "skip",
/// "pause", "continue", "stop" and "it hurts" (checked first, and not fooled by "it doesn't hurt").
/// </summary>
public static partial class RoutineCommandReader
{
    /// <summary>Reads a routine command.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The command, or <see cref="RoutineCommand.None"/>.</returns>
    public static RoutineCommand Read(string? text)
    {
        var said = TextNormalizer.Normalize(text).Trim('.', '!', ' ');
        if (said.Length == 0)
        {
            return RoutineCommand.None;
        }

        if (Hurts().IsMatch(said) && !NoHurt().IsMatch(said))
        {
            return RoutineCommand.ItHurts;
        }

        if (Stop().IsMatch(said))
        {
            return RoutineCommand.Stop;
        }

        if (Pause().IsMatch(said))
        {
            return RoutineCommand.Pause;
        }

        if (Resume().IsMatch(said))
        {
            return RoutineCommand.Resume;
        }

        if (Skip().IsMatch(said))
        {
            return RoutineCommand.Skip;
        }

        if (Back().IsMatch(said))
        {
            return RoutineCommand.Back;
        }

        if (Repeat().IsMatch(said))
        {
            return RoutineCommand.Repeat;
        }

        return Done().IsMatch(said) ? RoutineCommand.Done : RoutineCommand.None;
    }

    [GeneratedRegex(@"\b(hurts?|hurting|painful|pain|ouch|ow+|sore|twinge|sharp|agony)\b")]
    private static partial Regex Hurts();

    [GeneratedRegex(@"\b(doesn'?t|does\s+not|didn'?t|did\s+not|no|not|isn'?t|without)\s+(\w+\s+)?(hurt|hurting|painful|pain|sore)\b")]
    private static partial Regex NoHurt();

    [GeneratedRegex(@"^(stop|stop\s+(it|this|now|the\s+routine|exercising)|cancel|quit|end|end\s+(it|the\s+routine)|enough|that'?s\s+enough|i'?m\s+done\s+for\s+(today|now)|finish|i\s+want\s+to\s+stop)$")]
    private static partial Regex Stop();

    [GeneratedRegex(@"^(pause|wait|hold\s+on|later|take\s+a\s+break|break|brb|be\s+right\s+back|one\s+moment|one\s+sec|give\s+me\s+a\s+(minute|moment|sec))$")]
    private static partial Regex Pause();

    [GeneratedRegex(@"^(continue|resume|carry\s+on|keep\s+going|i'?m\s+back|back\s+again|let'?s\s+continue|let'?s\s+go\s+on|go\s+on)$")]
    private static partial Regex Resume();

    [GeneratedRegex(@"^(skip|skip\s+(it|this|this\s+one|that|exercise)|next\s+exercise|pass|can\s+we\s+skip\s+this)$")]
    private static partial Regex Skip();

    [GeneratedRegex(@"^(back|go\s+back|previous|previous\s+step|last\s+step|step\s+back|undo)$")]
    private static partial Regex Back();

    [GeneratedRegex(@"^(repeat|again|say\s+(that|it)\s+again|repeat\s+(that|it|please)|once\s+more|what|huh|pardon|sorry\??|\?+)$")]
    private static partial Regex Repeat();

    [GeneratedRegex(@"^(done|next|ok|okay|ready|finished|go|yes|yep|yeah|got\s+it|did\s+it|i\s+did\s+it|i'?m\s+ready|i'?m\s+done|all\s+done|next\s+step|next\s+one|start|let'?s\s+go|let'?s\s+start|sure|👍)$")]
    private static partial Regex Done();
}
