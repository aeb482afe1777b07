namespace BackCare.Bot.Understanding;

/// <summary>How long the pain has lasted, as read from free text; <see cref="Days"/> is <c>null</c> when unclear.</summary>
/// <param name="Days">The duration in days, or <c>null</c> when the text did not say clearly.</param>
public sealed record DurationReading(int? Days)
{
    /// <summary>Gets a reading that could not be understood.</summary>
    public static DurationReading Unclear { get; } = new((int?)null);

    /// <summary>Gets a value indicating whether the duration is known.</summary>
    public bool IsClear => Days is not null;
}
