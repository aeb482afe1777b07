namespace BackCare.Bot.Progress;

/// <summary>How a recorded routine session ended. Stored by name.</summary>
public enum SessionEnd
{
    /// <summary>Every exercise was done or skipped.</summary>
    Finished,

    /// <summary>The person stopped early.</summary>
    Stopped,

    /// <summary>The person said it hurts.</summary>
    Hurt,
}

/// <summary>
/// One routine session, kept in the person's profile for their progress over days: when, the pain before and
/// after, and which exercises were done and skipped (ids). Stored; the arrays keep it to plain types.
/// </summary>
/// <param name="date">When the session ended.</param>
/// <param name="painBefore">The pain score before the routine, 0–10.</param>
/// <param name="painAfter">The pain score after it, 0–10; <c>null</c> when not asked (it hurt).</param>
/// <param name="done">The exercises done, by id.</param>
/// <param name="skipped">The exercises skipped, by id.</param>
/// <param name="end">How it ended.</param>
public sealed class RoutineSession(DateTimeOffset date, int painBefore, int? painAfter, IReadOnlyList<string>? done, IReadOnlyList<string>? skipped, SessionEnd end)
{
    /// <summary>Gets when the session ended.</summary>
    public DateTimeOffset Date { get; } = date;

    /// <summary>Gets the pain score before the routine.</summary>
    public int PainBefore { get; } = painBefore;

    /// <summary>Gets the pain score after the routine, if asked.</summary>
    public int? PainAfter { get; } = painAfter;

    /// <summary>Gets the exercises done, by id.</summary>
    public IReadOnlyList<string> Done { get; } = done?.ToArray() ?? [];

    /// <summary>Gets the exercises skipped, by id.</summary>
    public IReadOnlyList<string> Skipped { get; } = skipped?.ToArray() ?? [];

    /// <summary>Gets how the session ended.</summary>
    public SessionEnd End { get; } = end;

    /// <summary>Gets a value indicating whether the pain was higher after the routine than before, or it hurt.</summary>
    public bool Aggravated => End == SessionEnd.Hurt || PainAfter > PainBefore;
}
