using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BackCare.Dialogs.Tests;

/// <summary>
/// A conversation stored by one version of the bot and continued by the next: the dialogs it stood in may have
/// gained or lost steps since. The first version asks name then age; the second asks name, town, then age.
/// </summary>
public class DialogVersionTests
{
    private const string Updated = "I've been updated since we last spoke, so let's start that part again.";

    [Fact]
    public void A_waterfalls_version_is_its_id_and_step_count()
    {
        var sut = new WaterfallDialog("flow", [Ask("one?"), Ask("two?")]);

        Assert.Equal("flow:2", sut.GetVersion());
        sut.AddStep(Ask("three?"));
        Assert.Equal("flow:3", sut.GetVersion());
    }

    [Fact]
    public void A_components_version_follows_its_inner_dialogs_and_not_the_order_they_were_added_in()
    {
        var v1 = new Survey(withTown: false);
        var v1Again = new ComponentDialog("survey");
        v1Again.AddDialog(new NumberPrompt<int>("number")).AddDialog(new TextPrompt("text")).AddDialog(Flow(withTown: false));
        v1Again.InitialDialogId = "flow";
        var v2 = new Survey(withTown: true);

        Assert.Equal(v1.GetVersion(), v1Again.GetVersion());
        Assert.NotEqual(v1.GetVersion(), v2.GetVersion());
        Assert.StartsWith("survey:", v1.GetVersion(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_conversation_survives_an_added_waterfall_step_when_the_bot_handles_the_change()
    {
        var conversation = TestAdapter.CreateConversation("added-step-handled");
        var stored = await StoredMidSurveyAsync(conversation);
        var events = new List<object?>();
        var after = new DialogHarness(() => new Survey(withTown: true, onChange: events.Add), stored);

        // Without the check, "36" would answer the age prompt and land in the new town step, one step off.
        await after.Flow(new TestAdapter(conversation))
            .Send("36").AssertReply(Updated).AssertReply("Name?")
            .Send("Ada").AssertReply("Town?")
            .Send("Leeds").AssertReply("Age?")
            .Send("36").AssertReply("Ada from Leeds is 36")
            .StartTestAsync();

        Assert.Equal(["survey"], events);
        Assert.Equal(DialogTurnStatus.Complete, after.Results[^1].Status);
    }

    [Fact]
    public async Task An_unhandled_version_change_restarts_the_flow_from_its_first_step_instead_of_throwing()
    {
        var conversation = TestAdapter.CreateConversation("added-step-unhandled");
        var stored = await StoredMidSurveyAsync(conversation);
        var after = new DialogHarness(() => new Survey(withTown: true), stored);

        await after.Flow(new TestAdapter(conversation))
            .Send("36").AssertReply("Name?")
            .Send("Ada").AssertReply("Town?")
            .StartTestAsync();

        Assert.All(after.Results, r => Assert.Equal(DialogTurnStatus.Waiting, r.Status));
    }

    [Fact]
    public async Task A_handler_that_keeps_the_stack_lets_the_message_answer_the_stored_question()
    {
        // A step added at the end is safe to resume into: the handler accepts the change and the turn goes on.
        var conversation = TestAdapter.CreateConversation("added-step-accepted");
        var stored = await StoredMidSurveyAsync(conversation);
        var events = new List<object?>();
        var after = new DialogHarness(() => new Survey(withTown: false, thanksStep: true, onChange: events.Add, restart: false), stored);

        await after.Flow(new TestAdapter(conversation))
            .Send("36").AssertReply("Ada is 36").AssertReply("Thanks!")
            .StartTestAsync();

        // The outermost changed dialog first; once accepted, the changed waterfall inside it.
        Assert.Equal(["survey", "flow"], events);
    }

    [Fact]
    public async Task An_unchanged_flow_resumes_without_an_event()
    {
        var conversation = TestAdapter.CreateConversation("unchanged");
        var stored = await StoredMidSurveyAsync(conversation);
        var events = new List<object?>();
        var after = new DialogHarness(() => new Survey(withTown: false, onChange: events.Add), stored);

        await after.Flow(new TestAdapter(conversation)).Send("36").AssertReply("Ada is 36").StartTestAsync();

        Assert.Empty(events);
    }

    [Fact]
    public async Task State_saved_before_versions_were_stamped_counts_as_changed()
    {
        var conversation = TestAdapter.CreateConversation("unversioned");
        var stored = await StoredMidSurveyAsync(conversation);
        var unversioned = WithoutVersions(stored);
        var events = new List<object?>();
        var after = new DialogHarness(() => new Survey(withTown: false, onChange: events.Add), unversioned);

        await after.Flow(new TestAdapter(conversation)).Send("36").AssertReply(Updated).AssertReply("Name?").StartTestAsync();

        Assert.Equal(["survey"], events);
    }

    [Fact]
    public async Task A_dialog_removed_since_the_conversation_was_stored_restarts_the_flow_instead_of_throwing()
    {
        var conversation = TestAdapter.CreateConversation("removed");
        var stored = await StoredMidSurveyAsync(conversation);
        var after = new DialogHarness(
            () =>
            {
                // The number prompt the stored conversation waits in is gone.
                var component = new ComponentDialog("survey");
                component.AddDialog(new WaterfallDialog("flow", [Ask("Name?"), Ask("Age?"), Ask("done")]));
                component.AddDialog(new TextPrompt("text"));
                return component;
            },
            stored);

        await after.Flow(new TestAdapter(conversation)).Send("36").AssertReply("Name?").StartTestAsync();
    }

    [Fact]
    public async Task A_root_waterfall_waiting_under_a_prompt_is_checked_too()
    {
        var storage = new MemoryStorage();
        var conversation = TestAdapter.CreateConversation("root-level");
        await RootLevelFlow(storage, steps: 2, conversation).Send("hi").AssertReply("Question 1?").StartTestAsync();

        // Resumed as stored, "Ada" would lead to question 2; the changed waterfall starts again instead.
        await RootLevelFlow(storage, steps: 3, conversation: conversation, restarted: true)
            .Send("Ada").AssertReply("Question 1?")
            .StartTestAsync();
    }

    [Theory]
    [InlineData(7L)]
    [InlineData(1L)]
    [InlineData(2147483647L)]
    [InlineData(-5L)]
    [InlineData("three")]
    public async Task A_waterfall_resumed_with_a_step_index_outside_its_steps_ends_instead_of_throwing(object storedIndex)
    {
        var sut = new WaterfallDialog("w", [Ask("first?"), Ask("second?")]);
        var instance = new DialogInstance
        {
            Id = "w",
            Version = sut.GetVersion(),
            State = new Dictionary<string, object> { ["stepIndex"] = storedIndex, ["values"] = new Dictionary<string, object>() },
        };
        var turn = new TurnContext(new TestAdapter(), MessageFactory.Text("an answer"));
        var dc = new DialogContext(new DialogSet().Add(sut), turn, new DialogState([instance]));

        var result = await dc.ContinueDialogAsync();

        Assert.Equal(DialogTurnStatus.Complete, result.Status);
        Assert.Equal("an answer", result.Result);
        Assert.Empty(dc.Stack);
    }

    [Fact]
    public async Task An_event_bubbles_from_the_leaf_to_the_component_that_handles_it()
    {
        var seen = new List<string>();
        var survey = new Survey(withTown: false, onChange: v => seen.Add($"handled {v}"), restart: false);
        var storage = new MemoryStorage();
        var conversationState = new ConversationState(storage);
        var accessor = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        var dialogs = new DialogSet(accessor).Add(survey);
        bool? handled = null;

        await new TestFlow(new TestAdapter(), async (turn, ct) =>
        {
            var dc = await dialogs.CreateContextAsync(turn, ct);
            if (dc.ActiveDialog is null)
            {
                await dc.BeginDialogAsync("survey", null, ct);
            }
            else
            {
                handled = await dc.EmitEventAsync(DialogEvents.VersionChanged, "from the prompt", bubble: true, fromLeaf: true, ct);
            }

            await conversationState.SaveChangesAsync(turn, false, ct);
        })
            .Send("hi").AssertReply("Name?")
            .Send("anything")
            .StartTestAsync();

        Assert.True(handled);
        Assert.Equal(["handled from the prompt"], seen);
    }

    private static async Task<IStorage> StoredMidSurveyAsync(ConversationReference conversation)
    {
        var before = new DialogHarness(() => new Survey(withTown: false));
        await before.Flow(new TestAdapter(conversation))
            .Send("hi").AssertReply("Name?")
            .Send("Ada").AssertReply("Age?")
            .StartTestAsync();
        return DialogHarness.ThroughJsonText(before.Storage, out _);
    }

    private static MemoryStorage WithoutVersions(IStorage storage)
    {
        DialogHarness.ThroughJsonText(storage, out var json);
        var items = JObject.Parse(json);
        foreach (var version in items.Descendants().OfType<JProperty>().Where(p => p.Name == nameof(DialogInstance.Version)).ToList())
        {
            version.Remove();
        }

        Assert.DoesNotContain("\"Version\"", items.ToString(), StringComparison.Ordinal);
        return new MemoryStorage(items.Properties().ToDictionary(p => p.Name, p => (JObject)p.Value));
    }

    private static TestFlow RootLevelFlow(IStorage storage, int steps, ConversationReference conversation, bool restarted = false)
    {
        // No component: a waterfall and its prompt straight on the conversation's stack.
        var conversationState = new ConversationState(storage);
        var accessor = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        var waterfall = new WaterfallDialog("root", Enumerable.Range(1, steps).Select(i => (WaterfallStep)((step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text($"Question {i}?") }, ct))));
        var dialogs = new DialogSet(accessor).Add(waterfall).Add(new TextPrompt("text"));
        return new TestFlow(new TestAdapter(conversation), async (turn, ct) =>
        {
            var dc = await dialogs.CreateContextAsync(turn, ct);
            var result = await dc.ContinueDialogAsync(ct);
            if (result.Status == DialogTurnStatus.Empty)
            {
                Assert.Equal(restarted, dc.Context.Activity.Text == "Ada");
                await dc.BeginDialogAsync("root", null, ct);
            }

            await conversationState.SaveChangesAsync(turn, false, ct);
        });
    }

    private static WaterfallStep Ask(string question)
        => (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text(question) }, ct);

    private static WaterfallDialog Flow(bool withTown, bool thanksStep = false)
    {
        var steps = new List<WaterfallStep>
        {
            (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Name?") }, ct),
        };
        if (withTown)
        {
            steps.Add((step, ct) =>
            {
                step.Values["name"] = (string)step.Result!;
                return step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Town?") }, ct);
            });
            steps.Add((step, ct) =>
            {
                step.Values["town"] = (string)step.Result!;
                return step.PromptAsync("number", new PromptOptions { Prompt = MessageFactory.Text("Age?") }, ct);
            });
            steps.Add(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"{step.Values.GetValue<string>("name")} from {step.Values.GetValue<string>("town")} is {(int)step.Result!}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            });
            return new WaterfallDialog("flow", steps);
        }

        steps.Add((step, ct) =>
        {
            step.Values["name"] = (string)step.Result!;
            return step.PromptAsync("number", new PromptOptions { Prompt = MessageFactory.Text("Age?") }, ct);
        });
        steps.Add(async (step, ct) =>
        {
            await step.Context.SendActivityAsync($"{step.Values.GetValue<string>("name")} is {(int)step.Result!}", cancellationToken: ct);
            return thanksStep ? await step.NextAsync(null, ct) : await step.EndDialogAsync(null, ct);
        });
        if (thanksStep)
        {
            steps.Add(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Thanks!", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            });
        }

        return new WaterfallDialog("flow", steps);
    }

    /// <summary>The survey as a component; with <c>onChange</c> it handles a version change, as a bot's main dialog would.</summary>
    private sealed class Survey : ComponentDialog
    {
        private readonly Action<object?>? _onChange;
        private readonly bool _restart;

        public Survey(bool withTown, bool thanksStep = false, Action<object?>? onChange = null, bool restart = true)
            : base("survey")
        {
            _onChange = onChange;
            _restart = restart;
            AddDialog(Flow(withTown, thanksStep));
            AddDialog(new TextPrompt("text"));
            AddDialog(new NumberPrompt<int>("number"));
        }

        protected override async Task<bool> OnPreBubbleEventAsync(DialogContext dc, DialogEvent e, CancellationToken cancellationToken)
        {
            if (e.Name != DialogEvents.VersionChanged || _onChange is null)
            {
                return false;
            }

            _onChange(e.Value);
            if (_restart)
            {
                await dc.Context.SendActivityAsync(Updated, cancellationToken: cancellationToken);
                await dc.ReplaceDialogAsync(Id, null, cancellationToken);
            }

            return true;
        }
    }
}
