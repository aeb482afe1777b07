namespace BackCare.Bot.Storage;

/// <summary>
/// A write carried an ETag that no longer matches the stored item: someone else wrote it first. An
/// <see cref="ArgumentException"/>, as the SDK's MemoryStorage throws for the same case.
/// </summary>
public sealed class ETagConflictException : ArgumentException
{
    public ETagConflictException()
        : base("ETag conflict: the item was changed since it was read.")
    {
    }

    public ETagConflictException(string key)
        : base($"ETag conflict on '{key}': the item was changed since it was read.")
    {
    }

    public ETagConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
