using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs.Tests;

public class EngineEdgeTests
{
    [Fact]
    public void A_dialog_set_refuses_a_second_dialog_with_the_same_id_but_accepts_the_same_one_twice()
    {
        var sut = new DialogSet();
        var prompt = new TextPrompt("same");
        sut.Add(prompt).Add(prompt);

        var error = Assert.Throws<ArgumentException>(() => sut.Add(new TextPrompt("same")));

        Assert.Contains("'same'", error.Message);
        Assert.Same(prompt, sut.Find("same"));
    }

    [Fact]
    public async Task A_dialog_set_without_an_accessor_cannot_load_a_stack()
    {
        var context = new TurnContext(new Microsoft.Bot.Builder.Adapters.TestAdapter(), new Activity(ActivityTypes.Message));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new DialogSet().CreateContextAsync(context));
    }

    [Fact]
    public async Task A_prompt_started_without_a_question_is_a_clear_error()
    {
        var harness = new DialogHarness(() => Wrap(
            new WaterfallDialog("w", [(step, ct) => step.BeginDialogAsync("t", new PromptOptions(), ct)]),
            new TextPrompt("t")));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Flow().Send("hi").StartTestAsync());

        Assert.Contains("without a Prompt activity", error.Message);
    }

    [Theory]
    [InlineData("7.5")]
    [InlineData("lots")]
    public async Task An_int_number_prompt_refuses_fractions_instead_of_rounding_them(string answer)
    {
        var harness = new DialogHarness(() => Wrap(
            new WaterfallDialog("w",
            [
                (step, ct) => step.PromptAsync("n", new PromptOptions { Prompt = MessageFactory.Text("How many?"), RetryPrompt = MessageFactory.Text("A whole number, please.") }, ct),
                async (step, ct) => { await step.Context.SendActivityAsync($"got {step.Result}", cancellationToken: ct); return await step.EndDialogAsync(null, ct); },
            ]),
            new NumberPrompt<int>("n")));

        await harness.Flow().Send("hi").AssertReply("How many?").Send(answer).AssertReply("A whole number, please.").Send("eight").AssertReply("got 8").StartTestAsync();
    }

    [Theory]
    [InlineData(ListStyle.Inline, "Which? (1) red, (2) green or (3) blue")]
    [InlineData(ListStyle.List, "Which?\n\n1. red\n2. green\n3. blue")]
    public async Task Choices_can_be_written_into_the_text(ListStyle style, string expected)
    {
        var harness = new DialogHarness(() => Wrap(
            new WaterfallDialog("w", [(step, ct) => step.PromptAsync("c", new PromptOptions { Prompt = MessageFactory.Text("Which?"), Choices = [new("red"), new("green"), new("blue")], Style = style }, ct)]),
            new ChoicePrompt("c")));

        await harness.Flow().Send("hi").AssertReply(expected).StartTestAsync();
    }

    [Fact]
    public async Task A_prompt_repeats_its_question_when_a_dialog_started_above_it_ends()
    {
        // The parent pushes a dialog over a waiting prompt on the same stack; when it ends, the prompt asks again.
        var harness = new DialogHarness(() => new Interrupting());

        await harness.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("aside").AssertReply("A quick aside. OK?")
            .Send("ok").AssertReply("Your name?")
            .Send("Ada").AssertReply("Hello Ada")
            .StartTestAsync();
    }

    private static ComponentDialog Wrap(Dialog root, Dialog prompt)
    {
        var component = new ComponentDialog("root");
        component.AddDialog(root);
        component.AddDialog(prompt);
        return component;
    }

    private sealed class Interrupting : ComponentDialog
    {
        public Interrupting()
            : base(nameof(Interrupting))
        {
            AddDialog(new WaterfallDialog("main",
            [
                (step, ct) => step.PromptAsync("name", new PromptOptions { Prompt = MessageFactory.Text("Your name?") }, ct),
                async (step, ct) => { await step.Context.SendActivityAsync($"Hello {step.Result}", cancellationToken: ct); return await step.EndDialogAsync(null, ct); },
            ]));
            AddDialog(new WaterfallDialog("aside",
            [
                (step, ct) => step.PromptAsync("name", new PromptOptions { Prompt = MessageFactory.Text("A quick aside. OK?") }, ct),
                (step, ct) => step.EndDialogAsync(null, ct),
            ]));
            AddDialog(new TextPrompt("name"));
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
        {
            if (innerDc.Context.Activity.Text == "aside")
            {
                return await innerDc.BeginDialogAsync("aside", null, cancellationToken);
            }

            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }
}
