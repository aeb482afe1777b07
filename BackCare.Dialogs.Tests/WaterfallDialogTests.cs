using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Dialogs.Tests;

public class WaterfallDialogTests
{
    [Fact]
    public async Task Each_message_advances_to_the_next_step_with_the_previous_answer()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            async (step, ct) => { await step.Context.SendActivityAsync("first?", cancellationToken: ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"got {step.Result}; second?", cancellationToken: ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"got {step.Result}; bye", cancellationToken: ct); return await step.EndDialogAsync("finished", ct); },
        ]));

        await harness.Flow()
            .Send("hi").AssertReply("first?")
            .Send("one").AssertReply("got one; second?")
            .Send("two").AssertReply("got two; bye")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.Results[^1].Status);
        Assert.Equal("finished", harness.Results[^1].Result);
    }

    [Fact]
    public async Task NextAsync_skips_the_wait_and_passes_its_value_to_the_next_step()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            (step, ct) => step.NextAsync("skipped ahead", ct),
            async (step, ct) => { await step.Context.SendActivityAsync($"step {step.Index}: {step.Result}", cancellationToken: ct); return Dialog.EndOfTurn; },
        ]));

        await harness.Flow()
            .Send("hi").AssertReply("step 1: skipped ahead")
            .StartTestAsync();
    }

    [Fact]
    public async Task NextAsync_twice_in_one_step_is_refused()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            async (step, ct) => { await step.NextAsync(null, ct); return await step.NextAsync(null, ct); },
            (step, ct) => Task.FromResult(Dialog.EndOfTurn),
        ]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Flow().Send("hi").StartTestAsync());
    }

    [Fact]
    public async Task Values_set_in_one_step_are_seen_by_later_steps_on_later_turns()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            async (step, ct) => { step.Values["count"] = 41; await step.Context.SendActivityAsync("noted", cancellationToken: ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"count is {step.Values.GetValue<int>("count") + 1}", cancellationToken: ct); return await step.EndDialogAsync(null, ct); },
        ]));

        await harness.Flow()
            .Send("hi").AssertReply("noted")
            .Send("again").AssertReply("count is 42")
            .StartTestAsync();
    }

    [Fact]
    public async Task Non_message_activities_do_not_advance_a_waiting_waterfall()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            async (step, ct) => { await step.Context.SendActivityAsync("first?", cancellationToken: ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"got {step.Result}", cancellationToken: ct); return Dialog.EndOfTurn; },
        ]));

        await harness.Flow()
            .Send("hi").AssertReply("first?")
            .Send(new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Event) { Name = "ping" })
            .Send("answer").AssertReply("got answer")
            .StartTestAsync();
    }
}
