using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Dialogs.Tests;

public class ComponentDialogTests
{
    [Fact]
    public async Task Nested_components_return_their_results_to_the_parent_waterfall()
    {
        var harness = new DialogHarness(() => new Parent());

        await harness.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("Ada").AssertReply("Your age?")
            .Send("36").AssertReply("Parent got Ada, 36")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.Results[^1].Status);
        Assert.Equal("Ada, 36", harness.Results[^1].Result);
    }

    [Fact]
    public async Task OnContinueDialogAsync_can_answer_an_interruption_and_keep_the_question_open()
    {
        var harness = new DialogHarness(() => new WithHelp());

        await harness.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("help").AssertReply("I need your first name.").AssertReply("Your name?")
            .Send("Ada").AssertReply("Hello Ada")
            .StartTestAsync();
    }

    [Fact]
    public async Task CancelAllDialogsAsync_empties_the_stack_so_the_next_message_starts_again()
    {
        var harness = new DialogHarness(() => new WithHelp());

        await harness.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("cancel").AssertReply("Cancelled.")
            .Send("hello again").AssertReply("Your name?")
            .StartTestAsync();

        // As in the official engine, a component whose inner dialogs were cancelled ends itself.
        Assert.Equal(DialogTurnStatus.Complete, harness.Results[1].Status);
    }

    [Fact]
    public async Task CancelAllDialogsAsync_at_the_root_cancels_every_dialog_and_says_so()
    {
        var storage = new MemoryStorage();
        var conversationState = new ConversationState(storage);
        var accessor = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        var dialogs = new DialogSet(accessor).Add(new WithHelp());
        DialogTurnResult? cancelled = null;

        await new Microsoft.Bot.Builder.Adapters.TestFlow(new Microsoft.Bot.Builder.Adapters.TestAdapter(), async (turn, ct) =>
        {
            var dc = await dialogs.CreateContextAsync(turn, ct);
            if (turn.Activity.Text == "stop everything")
            {
                cancelled = await dc.CancelAllDialogsAsync(ct);
                await turn.SendActivityAsync($"stack: {dc.Stack.Count}", cancellationToken: ct);
            }
            else if ((await dc.ContinueDialogAsync(ct)).Status == DialogTurnStatus.Empty)
            {
                await dc.BeginDialogAsync(nameof(WithHelp), null, ct);
            }

            await conversationState.SaveChangesAsync(turn, false, ct);
        })
            .Send("hi").AssertReply("Your name?")
            .Send("stop everything").AssertReply("stack: 0")
            .Send("hello").AssertReply("Your name?")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Cancelled, cancelled!.Status);
    }

    [Fact]
    public async Task ReplaceDialogAsync_restarts_a_dialog_in_place_without_resuming_its_parent()
    {
        var harness = new DialogHarness(() => new Looping());

        await harness.Flow()
            .Send("hi").AssertReply("Round 1: say 'again' or 'done'")
            .Send("again").AssertReply("Round 2: say 'again' or 'done'")
            .Send("again").AssertReply("Round 3: say 'again' or 'done'")
            .Send("done").AssertReply("Finished after 3 rounds")
            .StartTestAsync();
    }

    [Fact]
    public async Task Starting_an_unknown_dialog_is_a_clear_error()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w", [(step, ct) => step.BeginDialogAsync("nope", null, ct)]));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Flow().Send("hi").StartTestAsync());
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    private sealed class AskName : ComponentDialog
    {
        public AskName()
            : base(nameof(AskName))
        {
            AddDialog(new WaterfallDialog("name",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Your name?") }, ct),
                (step, ct) => step.EndDialogAsync(step.Result, ct),
            ]));
            AddDialog(new TextPrompt("text"));
        }
    }

    private sealed class AskAge : ComponentDialog
    {
        public AskAge()
            : base(nameof(AskAge))
        {
            AddDialog(new WaterfallDialog("age",
            [
                (step, ct) => step.PromptAsync("number", new PromptOptions { Prompt = MessageFactory.Text("Your age?") }, ct),
                (step, ct) => step.EndDialogAsync(step.Result, ct),
            ]));
            AddDialog(new NumberPrompt<int>("number"));
        }
    }

    /// <summary>A component that holds another component, which holds a third.</summary>
    private sealed class Profile : ComponentDialog
    {
        public Profile()
            : base(nameof(Profile))
        {
            AddDialog(new WaterfallDialog("profile",
            [
                (step, ct) => step.BeginDialogAsync(nameof(AskName), null, ct),
                (step, ct) => { step.Values["name"] = step.Result!; return step.BeginDialogAsync(nameof(AskAge), null, ct); },
                (step, ct) => step.EndDialogAsync($"{step.Values["name"]}, {step.Result}", ct),
            ]));
            AddDialog(new AskName());
            AddDialog(new AskAge());
        }
    }

    private sealed class Parent : ComponentDialog
    {
        public Parent()
            : base(nameof(Parent))
        {
            AddDialog(new WaterfallDialog("parent",
            [
                (step, ct) => step.BeginDialogAsync(nameof(Profile), null, ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Parent got {step.Result}", cancellationToken: ct);
                    return await step.EndDialogAsync(step.Result, ct);
                },
            ]));
            AddDialog(new Profile());
        }
    }

    private sealed class WithHelp : ComponentDialog
    {
        public WithHelp()
            : base(nameof(WithHelp))
        {
            AddDialog(new WaterfallDialog("greet",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Your name?") }, ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Hello {step.Result}", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new TextPrompt("text"));
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
        {
            switch (innerDc.Context.Activity.Text)
            {
                case "help":
                    await innerDc.Context.SendActivityAsync("I need your first name.", cancellationToken: cancellationToken);
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return EndOfTurn;
                case "cancel":
                    await innerDc.Context.SendActivityAsync("Cancelled.", cancellationToken: cancellationToken);
                    return await innerDc.CancelAllDialogsAsync(cancellationToken);
                default:
                    return await base.OnContinueDialogAsync(innerDc, cancellationToken);
            }
        }
    }

    private sealed class Looping : ComponentDialog
    {
        public Looping()
            : base(nameof(Looping))
        {
            AddDialog(new WaterfallDialog("outer",
            [
                (step, ct) => step.BeginDialogAsync("round", 1, ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Finished after {step.Result} rounds", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new WaterfallDialog("round",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text($"Round {step.Options}: say 'again' or 'done'") }, ct),
                (step, ct) =>
                {
                    var round = StateValues.As<int>(step.Options);
                    return (string?)step.Result == "again"
                        ? step.ReplaceDialogAsync("round", round + 1, ct)
                        : step.EndDialogAsync(round, ct);
                },
            ]));
            AddDialog(new TextPrompt("text"));
        }
    }
}
