using BackCare.Bot.Cards;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Cards;

/// <summary>Taps on earlier cards that must never be dropped as stale: the routine's "It hurts" and "Stop", and answers to warning-sign questions.</summary>
public class SafetyTapTests
{
    private const string PainAfter = "How is your back now";

    /// <summary>Starts the routine after an all-clear triage, taps "Done" once; returns the first page and the second.</summary>
    private static async Task<(BotConversation Sut, Activity First, Activity Second)> OnSecondPageAsync()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Severity] = "4" });
        await sut.SayAsync("yes");
        var first = (await sut.SayAsync("yes, let's start"))[^1];
        var second = (await sut.TapAsync(first, "Done"))[^1];
        Assert.NotEqual(SentCards.TextOf(first), SentCards.TextOf(second));
        return (sut, first, second);
    }

    [Fact]
    public async Task It_hurts_on_an_earlier_page_ends_the_routine_with_the_advice()
    {
        var (sut, first, _) = await OnSecondPageAsync();

        var replies = await sut.TapAsync(first, Language.Text["button.itHurts"]);

        var said = BotConversation.Join(replies);
        Assert.DoesNotContain(Language.Text["staleTap"], said);
        Assert.Contains(Language.Text["routine.hurt"], said);
        Assert.Contains(Language.Text["recheckQuestion"], said);
    }

    [Fact]
    public async Task Stop_on_an_earlier_page_stops_the_routine()
    {
        var (sut, first, _) = await OnSecondPageAsync();

        var replies = await sut.TapAsync(first, Language.Text["button.stop"]);

        var said = BotConversation.Join(replies);
        Assert.DoesNotContain(Language.Text["staleTap"], said);
        Assert.Contains(PainAfter, said);

        // The routine is over: a page's "Done" is old now.
        var after = await sut.TapAsync(first, "Done");
        Assert.Equal(Language.Text["staleTap"], after[0].Text);
    }

    [Fact]
    public async Task It_hurts_on_a_page_of_a_routine_that_is_over_gives_the_advice_not_a_stale_tap_word()
    {
        var (sut, first, _) = await OnSecondPageAsync();
        await sut.SayAsync("stop");
        await sut.SayAsync("3");

        var replies = await sut.TapAsync(first, Language.Text["button.itHurts"]);

        Assert.Equal(Language.Text["routine.hurt"], replies[0].Text);
        Assert.DoesNotContain(Language.Text["staleTap"], BotConversation.Join(replies));
    }

    [Theory]
    [InlineData("confirm:SaddleNumbness", "Yes")]
    [InlineData("question:BladderOrBowel", "Not sure")]
    [InlineData("question:Rest", "No")]
    public async Task An_answer_to_an_earlier_warning_sign_question_is_not_dropped_silently_nor_taken_for_the_current_one(string step, string value)
    {
        var sut = new BotConversation(channelId: Microsoft.Bot.Connector.Channels.Msteams);
        await sut.SayAsync("hi");
        var asked = await sut.SayAsync("none of these");
        var current = sut.QuestionAsked(asked);
        Assert.NotNull(current);

        var tap = new Activity(ActivityTypes.Message) { Value = CardTap.Data(step, value, input: null) };
        var replies = await sut.SendAsync(tap);

        Assert.Equal(Language.Text["staleSignTap"], replies[0].Text);
        Assert.Equal(current, sut.QuestionAsked(replies));
    }

    [Fact]
    public async Task A_stale_answer_to_an_earlier_question_that_is_no_warning_sign_is_only_stale()
    {
        var sut = new BotConversation(channelId: Microsoft.Bot.Connector.Channels.Msteams);
        await sut.SayAsync("hi");
        var asked = await sut.SayAsync("none of these");

        var tap = new Activity(ActivityTypes.Message) { Value = CardTap.Data("question:Age", "70 or over", input: null) };
        var replies = await sut.SendAsync(tap);

        Assert.Equal(Language.Text["staleTap"], replies[0].Text);
        Assert.Equal(sut.QuestionAsked(asked), sut.QuestionAsked(replies));
    }
}
