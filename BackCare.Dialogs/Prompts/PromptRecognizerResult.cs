namespace BackCare.Dialogs;

/// <summary>What a prompt recognised in the user's answer.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public class PromptRecognizerResult<T>
{
    /// <summary>Gets or sets a value indicating whether a value was recognised.</summary>
    public bool Succeeded { get; set; }

    /// <summary>Gets or sets the value recognised.</summary>
    public T? Value { get; set; }
}
