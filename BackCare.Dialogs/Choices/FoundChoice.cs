namespace BackCare.Dialogs.Choices;

/// <summary>A choice recognised in what the user typed.</summary>
public class FoundChoice
{
    /// <summary>Gets or sets the chosen choice's value.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>Gets or sets the chosen choice's zero-based index in the list offered.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets how well the text matched, from 0 to 1 (1 is an exact match).</summary>
    public float Score { get; set; }

    /// <summary>Gets or sets the value or synonym that matched.</summary>
    public string? Synonym { get; set; }
}
