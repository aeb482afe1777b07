using BackCare.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace BackCare.Dialogs.Tests;

public class DialogStatePersistenceTests
{
    private static WaterfallDialog Survey() => new("survey",
    [
        (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Name?") }, ct),
        (step, ct) =>
        {
            step.Values["name"] = step.Result!;
            return step.PromptAsync("number", new PromptOptions { Prompt = MessageFactory.Text("Score?"), RetryPrompt = MessageFactory.Text("A number, please.") }, ct);
        },
        (step, ct) =>
        {
            step.Values["answers"] = new SurveyAnswers(step.Values.GetValue<string>("name")!, (int)step.Result!);
            return step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Anything else?") }, ct);
        },
        async (step, ct) =>
        {
            var answers = step.Values.GetValue<SurveyAnswers>("answers")!;
            await step.Context.SendActivityAsync($"{answers.Name} scored {answers.Score} and said {step.Result}", cancellationToken: ct);
            return await step.EndDialogAsync(null, ct);
        },
    ]);

    private static ComponentDialog SurveyComponent()
    {
        var component = new ComponentDialog("root");
        component.AddDialog(Survey());
        component.AddDialog(new TextPrompt("text"));
        component.AddDialog(new NumberPrompt<int>("number"));
        return component;
    }

    [Fact]
    public async Task A_restart_between_turns_resumes_the_waterfall_at_the_same_step_with_the_same_values()
    {
        var conversation = TestAdapter.CreateConversation("restart");
        var before = new DialogHarness(SurveyComponent);
        await before.Flow(new TestAdapter(conversation))
            .Send("hi").AssertReply("Name?")
            .Send("Ada").AssertReply("Score?")
            .Send("lots").AssertReply("A number, please.")
            .Send("7").AssertReply("Anything else?")
            .StartTestAsync();

        // The stored state goes out as JSON text and comes back into a new store, a new ConversationState and new dialogs.
        var reloaded = DialogHarness.ThroughJsonText(before.Storage, out var json);
        Assert.Contains("stepIndex", json, StringComparison.Ordinal);
        var after = new DialogHarness(SurveyComponent, reloaded);

        await after.Flow(new TestAdapter(conversation))
            .Send("no").AssertReply("Ada scored 7 and said no")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_prompt_keeps_its_attempt_count_across_a_restart()
    {
        var conversation = TestAdapter.CreateConversation("attempts");
        var attempts = new List<int>();
        Dialog Make()
        {
            var component = new ComponentDialog("root");
            component.AddDialog(new WaterfallDialog("w",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("Say ok") }, ct),
                async (step, ct) => { await step.Context.SendActivityAsync("thanks", cancellationToken: ct); return await step.EndDialogAsync(null, ct); },
            ]));
            component.AddDialog(new TextPrompt("text", (pc, ct) => { attempts.Add(pc.AttemptCount); return Task.FromResult(pc.Recognized.Value == "ok"); }));
            return component;
        }

        var before = new DialogHarness(Make);
        await before.Flow(new TestAdapter(conversation)).Send("hi").AssertReply("Say ok").Send("no").AssertReply("Say ok").StartTestAsync();
        var after = new DialogHarness(Make, DialogHarness.ThroughJsonText(before.Storage, out _));
        await after.Flow(new TestAdapter(conversation)).Send("ok").AssertReply("thanks").StartTestAsync();

        Assert.Equal([1, 2], attempts);
    }
}

/// <summary>A value kept in waterfall values; public so that type-named JSON can rebuild it.</summary>
public sealed record SurveyAnswers(string Name, int Score);
