using BackCare.Bot.Bots;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Bot.Tests.Support;

/// <summary>Reads what a running host has saved for a conversation, straight from its store.</summary>
public static class StoredState
{
    public static async Task<ConversationData?> ConversationDataAsync(RunningHost host, string conversationId, string channelId = "emulator")
        => Property(await PropertiesAsync(host, $"{channelId}/conversations/{conversationId}"), nameof(ConversationData)) as ConversationData;

    public static async Task<HandledActivities?> HandledAsync(RunningHost host, string conversationId, string channelId = "emulator")
        => Property(await PropertiesAsync(host, $"{channelId}/conversations/{conversationId}"), nameof(HandledActivities)) as HandledActivities;

    private static object? Property(IDictionary<string, object>? state, string name)
        => state is not null && state.TryGetValue(name, out var value) ? value : null;

    private static async Task<IDictionary<string, object>?> PropertiesAsync(RunningHost host, string key)
    {
        var storage = host.Services.GetRequiredService<IStorage>();
        var items = await storage.ReadAsync([key]);
        return items.TryGetValue(key, out var state) ? state as IDictionary<string, object> : null;
    }
}
