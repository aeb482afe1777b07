namespace BackCare.Bot.Storage;

/// <summary>
/// A stored state item could not be read back (corrupt, or written by an incompatible version). The bot resets
/// only such state, and logs that it did; its message names the key, never the content.
/// </summary>
public sealed class UnreadableStateException : Exception
{
    public UnreadableStateException()
    {
    }

    public UnreadableStateException(string message)
        : base(message)
    {
    }

    public UnreadableStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Reads a stored item, turning a deserialization failure into this exception.</summary>
    /// <param name="key">The item's key, for the message.</param>
    /// <param name="json">The stored JSON.</param>
    /// <returns>The item.</returns>
    public static object? Read(string key, string json)
    {
        try
        {
            return StateJson.Deserialize(json);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidCastException or ArgumentException or FormatException)
        {
            throw new UnreadableStateException($"The state item '{key}' could not be read ({ex.GetType().Name}).", ex);
        }
    }
}
