using BackCare.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Dialogs.Tests;

/// <summary>Runs a root dialog through the SDK's TestAdapter, saving conversation state to real storage each turn.</summary>
internal sealed class DialogHarness
{
    private readonly Func<Dialog> _makeDialog;

    public DialogHarness(Func<Dialog> makeDialog, IStorage? storage = null)
    {
        _makeDialog = makeDialog;
        Storage = storage ?? new MemoryStorage();
    }

    public IStorage Storage { get; }

    public List<DialogTurnResult> Results { get; } = [];

    public TestFlow Flow(TestAdapter? adapter = null)
    {
        // A fresh dialog and ConversationState per flow, as after a host restart: only the storage carries over.
        var dialog = _makeDialog();
        var conversationState = new ConversationState(Storage);
        var accessor = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        adapter ??= new TestAdapter(TestAdapter.CreateConversation("engine-tests"));
        return new TestFlow(adapter, async (turnContext, cancellationToken) =>
        {
            Results.Add(await dialog.RunAsync(turnContext, accessor, cancellationToken));
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        });
    }

    /// <summary>Writes every item of a MemoryStorage out as JSON text and reads it back into a new MemoryStorage.</summary>
    public static MemoryStorage ThroughJsonText(IStorage storage, out string json)
    {
        var field = typeof(MemoryStorage).GetField("_memory", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var memory = (Dictionary<string, JObject>)field.GetValue(storage)!;
        json = JsonConvert.SerializeObject(memory);
        var reread = JsonConvert.DeserializeObject<Dictionary<string, JObject>>(json)!;
        return new MemoryStorage(reread);
    }
}
