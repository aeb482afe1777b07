using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Bots;

/// <summary>
/// Where in Teams a conversation happens. Health questions belong in a 1:1 chat: in a group chat or a channel
/// everyone reads the answers, the conversation's state is shared by its members, and suggested-action taps never
/// reach the bot (they carry no @mention). The manifest allows only the personal scope, but a manifest can be
/// edited, so the bot checks the conversation itself.
/// </summary>
public static class TeamsScope
{
    /// <summary>Whether the conversation is a Teams group chat or channel (<c>conversation.conversationType</c>).</summary>
    /// <param name="activity">The activity.</param>
    /// <returns><c>true</c> in a group.</returns>
    public static bool InGroup(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelId == Channels.Msteams && activity.Conversation?.ConversationType is "groupChat" or "channel";
    }
}
