using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs.Tests;

public class PromptTests
{
    private static AskAndEcho AskThenEcho(Dialog prompt, PromptOptions options) => new AskAndEcho(prompt, options);

    [Fact]
    public async Task A_number_prompt_repeats_its_retry_prompt_until_the_answer_is_valid()
    {
        var sut = new NumberPrompt<int>("n", (pc, ct) => Task.FromResult(pc.Recognized.Succeeded && pc.Recognized.Value is >= 0 and <= 10));
        var harness = new DialogHarness(() => AskThenEcho(sut, new PromptOptions
        {
            Prompt = MessageFactory.Text("How bad, 0 to 10?"),
            RetryPrompt = MessageFactory.Text("Please give a number from 0 to 10."),
        }));

        await harness.Flow()
            .Send("hi").AssertReply("How bad, 0 to 10?")
            .Send("banana").AssertReply("Please give a number from 0 to 10.")
            .Send("eleven").AssertReply("Please give a number from 0 to 10.")
            .Send("seven").AssertReply("answer: 7")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_validator_sees_the_attempt_count_grow_with_each_answer()
    {
        var seen = new List<int>();
        var sut = new TextPrompt("t", (pc, ct) =>
        {
            seen.Add(pc.AttemptCount);
            return Task.FromResult(pc.AttemptCount >= 3);
        });
        var harness = new DialogHarness(() => AskThenEcho(sut, new PromptOptions { Prompt = MessageFactory.Text("Say something") }));

        await harness.Flow()
            .Send("hi").AssertReply("Say something")
            .Send("a").AssertReply("Say something")
            .Send("b").AssertReply("Say something")
            .Send("c").AssertReply("answer: c")
            .StartTestAsync();

        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task A_validator_that_answers_itself_replaces_the_retry_prompt()
    {
        var sut = new TextPrompt("t", async (pc, ct) =>
        {
            if (pc.Recognized.Value == "ok")
            {
                return true;
            }

            await pc.Context.SendActivityAsync("Type ok, please.", cancellationToken: ct);
            return false;
        });
        var harness = new DialogHarness(() => AskThenEcho(sut, new PromptOptions { Prompt = MessageFactory.Text("Ready?"), RetryPrompt = MessageFactory.Text("never shown") }));

        await harness.Flow()
            .Send("hi").AssertReply("Ready?")
            .Send("what").AssertReply("Type ok, please.")
            .Send("ok").AssertReply("answer: ok")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("yes", "True")]
    [InlineData("Yeah", "True")]
    [InlineData("sure", "True")]
    [InlineData("yep, it does", "True")]
    [InlineData("of course", "True")]
    [InlineData("nope", "False")]
    [InlineData("No.", "False")]
    [InlineData("not really", "False")]
    [InlineData("definitely not", "False")]
    [InlineData("nah", "False")]
    [InlineData("1", "True")]
    [InlineData("the second one", "False")]
    public async Task A_confirm_prompt_understands_natural_yes_and_no(string answer, string expected)
    {
        var harness = new DialogHarness(() => AskThenEcho(new ConfirmPrompt("c"), new PromptOptions { Prompt = MessageFactory.Text("Ready?") }));

        await harness.Flow()
            .Send("hi").AssertReply(a => Assert.Equal(["Yes", "No"], ((Activity)a).SuggestedActions.Actions.Select(x => x.Title)))
            .Send(answer).AssertReply($"answer: {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("not sure")]
    [InlineData("maybe")]
    [InlineData("yes and no")]
    [InlineData("purple")]
    public async Task A_confirm_prompt_asks_again_when_the_answer_is_neither(string answer)
    {
        var harness = new DialogHarness(() => AskThenEcho(new ConfirmPrompt("c"), new PromptOptions { Prompt = MessageFactory.Text("Ready?"), RetryPrompt = MessageFactory.Text("Yes or no?") }));

        await harness.Flow()
            .Send("hi").AssertReply("Ready?")
            .Send(answer).AssertReply("Yes or no?")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("Right leg", "Right leg")]
    [InlineData("BOTH LEGS", "Both legs")]
    [InlineData("left", "Left leg")]
    [InlineData("my left leg", "Left leg")]
    [InlineData("2", "Right leg")]
    [InlineData("the second one", "Right leg")]
    [InlineData("third", "Both legs")]
    [InlineData("each side", "Both legs")]
    public async Task A_choice_prompt_recognises_exact_partial_and_positional_answers(string answer, string expected)
    {
        var choices = new List<Choice> { new("Left leg"), new("Right leg"), new("Both legs") { Synonyms = ["each side", "either"] } };
        var harness = new DialogHarness(() => AskThenEcho(new ChoicePrompt("p"), new PromptOptions { Prompt = MessageFactory.Text("Which?"), Choices = choices }));

        await harness.Flow()
            .Send("hi").AssertReply("Which?")
            .Send(answer).AssertReply($"answer: {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("leg")]
    [InlineData("4")]
    [InlineData("")]
    public async Task A_choice_prompt_asks_again_rather_than_guess(string answer)
    {
        var choices = new List<Choice> { new("Left leg"), new("Right leg"), new("Both legs") };
        var harness = new DialogHarness(() => AskThenEcho(new ChoicePrompt("p"), new PromptOptions { Prompt = MessageFactory.Text("Which?"), RetryPrompt = MessageFactory.Text("Pick one of the buttons."), Choices = choices }));

        await harness.Flow()
            .Send("hi").AssertReply("Which?")
            .Send(answer).AssertReply("Pick one of the buttons.")
            .StartTestAsync();
    }

    [Fact]
    public async Task In_teams_more_than_three_choices_become_a_card()
    {
        var choices = new List<Choice> { new("a"), new("b"), new("c"), new("d") };
        var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter(Microsoft.Bot.Connector.Channels.Msteams);
        var harness = new DialogHarness(() => AskThenEcho(new ChoicePrompt("p"), new PromptOptions { Prompt = MessageFactory.Text("Which?"), Choices = choices }));

        await harness.Flow(adapter)
            .Send("hi").AssertReply(a =>
            {
                var message = (Activity)a;
                Assert.Null(message.SuggestedActions);
                var card = Assert.IsType<HeroCard>(Assert.Single(message.Attachments).Content);
                Assert.Equal(4, card.Buttons.Count);
            })
            .StartTestAsync();
    }

    /// <summary>A waterfall that asks with a prompt, then says what came back.</summary>
    private sealed class AskAndEcho : ComponentDialog
    {
        public AskAndEcho(Dialog prompt, PromptOptions options)
            : base(nameof(AskAndEcho))
        {
            AddDialog(new WaterfallDialog("ask",
            [
                (step, ct) => step.PromptAsync(prompt.Id, options, ct),
                async (step, ct) =>
                {
                    var text = step.Result is FoundChoice found ? found.Value : step.Result?.ToString();
                    await step.Context.SendActivityAsync($"answer: {text}", cancellationToken: ct);
                    return await step.EndDialogAsync(step.Result, ct);
                },
            ]));
            AddDialog(prompt);
        }
    }
}
