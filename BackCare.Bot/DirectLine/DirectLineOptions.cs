namespace BackCare.Bot.DirectLine;

/// <summary>How the Web Chat page reaches the bot: the Azure Direct Line service, or the host's own offline endpoint.</summary>
public sealed class DirectLineOptions
{
    /// <summary>Gets or sets the Direct Line secret. When set, the page gets tokens for the Azure service; the secret never leaves the host.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Gets or sets the Azure Direct Line endpoint. Default https://directline.botframework.com/v3/directline.</summary>
    public string Endpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    /// <summary>Gets or sets how long an offline token lasts, in seconds. Default 1800 (as Direct Line's).</summary>
    public int TokenSeconds { get; set; } = 1800;

    /// <summary>Gets or sets the most offline conversations kept in memory at once. Default 1000.</summary>
    public int MaxConversations { get; set; } = 1000;
}
