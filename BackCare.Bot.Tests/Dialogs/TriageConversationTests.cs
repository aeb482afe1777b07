using BackCare.Bot.Triage;
using BackCare.Bot.Tests.Support;
using Q = BackCare.Bot.Triage.QuestionId;

namespace BackCare.Bot.Tests.Dialogs;

public class TriageConversationTests
{
    private const string EmergencyHeadline = "Emergency: please get help now";
    private const string UrgentHeadline = "Urgent: please see a doctor today";
    private const string DoctorHeadline = "See a doctor: please book an appointment";
    private const string SelfCareHeadline = "Self-care: nothing you've told me needs a doctor";

    public static TheoryData<string, Dictionary<Q, string>, Disposition, RedFlag[]> Cases => new()
    {
        // Emergency: each sign, in people's words.
        { "saddle numbness", new() { [Q.EmergencyScreen] = "yes, at least one", [Q.SaddleNumbness] = "yeah, it's numb down there" }, Disposition.Emergency, [RedFlag.SaddleNumbness] },
        { "bladder", new() { [Q.EmergencyScreen] = "Yes", [Q.BladderOrBowel] = "yes i've had a couple of accidents" }, Disposition.Emergency, [RedFlag.BladderOrBowel] },
        { "both legs unsure", new() { [Q.EmergencyScreen] = "not sure", [Q.BothLegs] = "I'm not sure tbh" }, Disposition.Emergency, [RedFlag.BothLegsNumbOrWeak] },
        { "leg giving way", new() { [Q.EmergencyScreen] = "one of them does", [Q.WorseningWeakness] = "yep, my leg keeps buckling" }, Disposition.Emergency, [RedFlag.WorseningLegWeakness] },
        { "accident", new() { [Q.EmergencyScreen] = "yes", [Q.AccidentOrFall] = "yes, a fall at work" }, Disposition.Emergency, [RedFlag.SeriousAccidentOrFall] },
        { "chest pain", new() { [Q.EmergencyScreen] = "yes", [Q.ChestPain] = "yes my chest feels tight" }, Disposition.Emergency, [RedFlag.ChestPain] },
        { "numb in both legs, later", new() { [Q.Numbness] = "yes, numbness", [Q.NumbnessWhich] = "both legs" }, Disposition.Emergency, [RedFlag.BothLegsNumbOrWeak] },
        { "one leg getting worse", new() { [Q.Numbness] = "tingling in my left leg", [Q.NumbnessWorse] = "yes it's getting worse" }, Disposition.Emergency, [RedFlag.WorseningLegWeakness] },
        { "not sure which legs", new() { [Q.Numbness] = "yes some pins and needles", [Q.NumbnessWhich] = "dunno" }, Disposition.Emergency, [RedFlag.BothLegsNumbOrWeak] },
        { "bladder typed at the severity question", new() { [Q.Severity] = "8, and I can't control my bladder" }, Disposition.Emergency, [RedFlag.BladderOrBowel] },
        { "accident typed at the duration question", new() { [Q.Duration] = "since my car accident on sunday" }, Disposition.Emergency, [RedFlag.SeriousAccidentOrFall] },

        // Urgent.
        { "fever", new() { [Q.Fever] = "yes, feeling hot and shivery" }, Disposition.Urgent, [RedFlag.Fever] },
        { "weight loss", new() { [Q.WeightLoss] = "I've lost about 5 kilos without trying" }, Disposition.Urgent, [RedFlag.WeightLoss] },
        { "severe, rest does not help", new() { [Q.Severity] = "9/10", [Q.Rest] = "no, nothing helps" }, Disposition.Urgent, [RedFlag.NoReliefFromRest] },
        { "pretty bad, not really eased", new() { [Q.Severity] = "pretty bad", [Q.Rest] = "not really" }, Disposition.Urgent, [RedFlag.NoReliefFromRest] },
        { "mild, rest makes no difference", new() { [Q.Severity] = "2", [Q.Rest] = "nope, resting makes no difference" }, Disposition.Urgent, [RedFlag.NoReliefFromRest] },
        { "between the shoulder blades", new() { [Q.PainLocation] = "between my shoulder blades" }, Disposition.Urgent, [RedFlag.UpperBackPain] },
        { "cough makes it worse", new() { [Q.SneezeCough] = "yes coughing makes it shoot" }, Disposition.Urgent, [RedFlag.SneezeCoughOrPoo] },
        { "checklist with an exception", new() { [Q.SameDayScreen] = "all fine except number 6" }, Disposition.Urgent, [RedFlag.CancerHistory] },
        { "no, but lymphoma", new() { [Q.Cancer] = "no, but I had lymphoma" }, Disposition.Urgent, [RedFlag.CancerHistory] },
        { "70 with a small fall", new() { [Q.Age] = "I'm 72", [Q.RecentFall] = "yes I tripped on the step" }, Disposition.Urgent, [RedFlag.FallWithOsteoporosisOrSteroids] },
        { "worse at night", new() { [Q.Night] = "yes it wakes me up" }, Disposition.Urgent, [RedFlag.WorseAtNight] },
        { "one leg numb, stable", new() { [Q.Numbness] = "a bit of tingling in my right leg", [Q.NumbnessWorse] = "no, it's the same" }, Disposition.Urgent, [RedFlag.OneLegNumbOrWeak] },
        { "past cancer", new() { [Q.Cancer] = "I had breast cancer years ago" }, Disposition.Urgent, [RedFlag.CancerHistory] },
        { "steroids and a fall", new() { [Q.Osteoporosis] = "yes, I've been on prednisolone for years", [Q.RecentFall] = "yes I slipped on the ice" }, Disposition.Urgent, [RedFlag.FallWithOsteoporosisOrSteroids] },
        { "chemotherapy", new() { [Q.ImmuneOrDrugs] = "I'm on chemo at the moment" }, Disposition.Urgent, [RedFlag.WeakImmuneOrInjectingDrugs] },
        { "lump", new() { [Q.Lump] = "there's a swelling near my spine" }, Disposition.Urgent, [RedFlag.LumpOrShapeChange] },
        { "not sure about cancer", new() { [Q.Cancer] = "not sure" }, Disposition.Urgent, [RedFlag.CancerHistory] },

        // Doctor.
        { "six weeks", new() { [Q.Duration] = "about 6 weeks" }, Disposition.Doctor, [RedFlag.LastedFourWeeksOrMore] },
        { "years", new() { [Q.Duration] = "on and off for years" }, Disposition.Doctor, [RedFlag.LastedFourWeeksOrMore] },
        { "since March", new() { [Q.Duration] = "since March" }, Disposition.Doctor, [RedFlag.LastedFourWeeksOrMore] },
        { "down to the foot", new() { [Q.LegPain] = "yes, down to my foot", [Q.LegPainWhich] = "left" }, Disposition.Doctor, [RedFlag.PainBelowKnee] },
        { "into the calf", new() { [Q.LegPain] = "my right leg", [Q.BelowKnee] = "yes into my calf" }, Disposition.Doctor, [RedFlag.PainBelowKnee] },
        { "first at 63", new() { [Q.Age] = "I'm 63", [Q.FirstEver] = "yes, first time ever" }, Disposition.Doctor, [RedFlag.FirstEverOver50] },
        { "keeps coming back", new() { [Q.Recurring] = "yes it keeps coming back worse each time" }, Disposition.Doctor, [RedFlag.RecurringAndWorsening] },

        // Self-care.
        { "a couple of days, mild", new() { [Q.Duration] = "a couple of days", [Q.Severity] = "4" }, Disposition.SelfCare, [] },
        { "since last Tuesday, thigh only", new() { [Q.Duration] = "since last Tuesday", [Q.Severity] = "mild", [Q.Rest] = "yes", [Q.LegPain] = "only to the thigh" }, Disposition.SelfCare, [] },
        { "severe but eases with rest", new() { [Q.Duration] = "about 3 weeks", [Q.Severity] = "seven out of ten", [Q.Rest] = "yes it does" }, Disposition.SelfCare, [] },
        { "first time, under 50", new() { [Q.Age] = "34", [Q.Recurring] = "no, first time" }, Disposition.SelfCare, [] },
        { "nineteen", new() { [Q.Age] = "19" }, Disposition.Doctor, [RedFlag.UnderTwenty] },
        { "born in 1958, first time", new() { [Q.Age] = "born in 1958", [Q.FirstEver] = "yes never had it before" }, Disposition.Doctor, [RedFlag.FirstEverOver50] },
        { "emergency checklist exception", new() { [Q.EmergencyScreen] = "none of these except the chest pain" }, Disposition.Emergency, [RedFlag.ChestPain] },
        { "numbness denied across or", new() { [Q.EmergencyScreen] = "yes", [Q.SaddleNumbness] = "I don't have any numbness or tingling in my groin" }, Disposition.SelfCare, [] },
        { "someone else's fall", new() { [Q.EmergencyScreen] = "not sure", [Q.AccidentOrFall] = "my husband had a bad fall last year" }, Disposition.SelfCare, [] },
        { "pain in both legs", new() { [Q.LegPain] = "yes both legs" }, Disposition.Emergency, [RedFlag.BothLegsNumbOrWeak] },
        { "osteoporosis without a fall", new() { [Q.Osteoporosis] = "yes osteoporosis", [Q.RecentFall] = "no, I just woke up with it" }, Disposition.Doctor, [RedFlag.OsteoporosisOrSteroids] },
        { "negations everywhere", new() { [Q.Fever] = "no fever", [Q.WeightLoss] = "nope, same weight", [Q.Night] = "no, I sleep fine", [Q.Lump] = "nothing like that" }, Disposition.SelfCare, [] },
        { "over 50, had it before", new() { [Q.Age] = "50 or over", [Q.FirstEver] = "no, I've had it before" }, Disposition.SelfCare, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_whole_triage_ends_with_the_right_disposition_and_its_reasons(string name, Dictionary<Q, string> script, Disposition expected, RedFlag[] reasons)
    {
        var sut = new BotConversation();
        var driver = new TriageDriver(sut);

        var advice = await driver.RunAsync(script);

        Assert.True(advice.Contains(Headline(expected), StringComparison.Ordinal), $"{name}: expected {expected} but the bot said:\n{advice}");
        foreach (var reason in reasons)
        {
            Assert.Contains(sut.Content.Reasons[reason], advice);
        }

        Assert.Contains(sut.Content.Phrase("notADiagnosis"), advice);
        AssertExercisesOfferedOnlyWhenSafe(expected, advice);
    }

    [Fact]
    public async Task An_emergency_answer_stops_the_questions_at_once()
    {
        var sut = new BotConversation();
        var driver = new TriageDriver(sut);

        var advice = await driver.RunAsync(new() { [Q.EmergencyScreen] = "yes", [Q.SaddleNumbness] = "yes" });

        Assert.Equal([Q.EmergencyScreen, Q.SaddleNumbness], driver.Asked);
        Assert.Contains(EmergencyHeadline, advice);
        Assert.Contains("Call 911", advice);
    }

    [Fact]
    public async Task The_emergency_number_and_urgent_wording_come_from_configuration()
    {
        var sut = new BotConversation(settings: new Dictionary<string, string?>
        {
            ["BackCare:Care:EmergencyNumber"] = "999",
            ["BackCare:Care:UrgentAdvice"] = "call NHS 111 or your GP surgery",
        });

        var emergency = await new TriageDriver(sut).RunAsync(new() { [Q.EmergencyScreen] = "yes", [Q.ChestPain] = "yes" });
        var urgent = await new TriageDriver(new BotConversation(settings: new Dictionary<string, string?> { ["BackCare:Care:UrgentAdvice"] = "call NHS 111 or your GP surgery" }))
            .RunAsync(new() { [Q.Fever] = "yes" });

        Assert.Contains("Call 999", emergency);
        Assert.Contains("call NHS 111 or your GP surgery", urgent);
    }

    [Fact]
    public async Task Not_sure_to_a_warning_sign_is_counted_as_a_possible_yes_and_the_bot_says_so()
    {
        var sut = new BotConversation();
        await AnswerUntilAsync(sut, Q.LegPain);

        var reply = await sut.SayTextAsync("I don't know");

        Assert.Contains(sut.Content.Phrase("notSureAcknowledgement"), reply);
    }

    [Theory]
    [InlineData(Q.Duration, "no bladder problems", "Sorry, I didn't quite get that")]
    [InlineData(Q.Severity, "I don't have numbness", "Sorry, I didn't quite get that")]
    [InlineData(Q.Fever, "no chest pain, no fever", null)]
    [InlineData(Q.Rest, "no numbness between my legs, and yes it eases", null)]
    public async Task Denied_emergency_signs_do_not_interrupt(Q at, string text, string? expectedRetry)
    {
        var sut = new BotConversation();
        var (question, replies) = await AnswerUntilAsync(sut, at, new() { [Q.SameDayScreen] = "yes, at least one" });
        Assert.Equal(at, question);

        var reply = await sut.SayTextAsync(text);

        Assert.DoesNotContain(EmergencyHeadline, reply);
        if (expectedRetry is not null)
        {
            Assert.Contains(expectedRetry, reply);
        }

        _ = replies;
    }

    [Theory]
    [InlineData(Q.EmergencyScreen, "I wet myself and can't control it")]
    [InlineData(Q.Duration, "both my legs went numb this morning")]
    [InlineData(Q.Severity, "I can't feel between my legs")]
    [InlineData(Q.LegPainWhich, "my leg keeps giving way")]
    [InlineData(Q.Cancer, "I've got chest pain too")]
    public async Task An_emergency_sign_typed_at_any_step_interrupts_with_emergency_advice(Q at, string text)
    {
        var sut = new BotConversation();
        var (question, _) = await AnswerUntilAsync(sut, at, new() { [Q.LegPain] = "yes", [Q.SameDayScreen] = "yes, at least one" });
        Assert.Equal(at, question);

        var reply = await sut.SayTextAsync(text);
        var next = await sut.SayTextAsync("ok, what now?");

        Assert.Contains(EmergencyHeadline, reply);
        Assert.Null(sut.QuestionAsked(sut.Transcript.TakeLast(1)));
        Assert.Contains(EmergencyHeadline, next);
        Assert.DoesNotContain("routine", next + reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unclear_answer_is_asked_again_with_an_example_then_offered_as_buttons()
    {
        var sut = new BotConversation();
        await AnswerUntilAsync(sut, Q.Duration);

        var first = await sut.SayAsync("hmm, a while");
        var second = await sut.SayAsync("it depends");
        var third = await sut.SayTextAsync("4 weeks or more");

        Assert.Contains("Sorry, I didn't quite get that", BotConversation.Join(first));
        Assert.Contains("about 3 weeks", BotConversation.Join(first));
        Assert.Null(first[^1].SuggestedActions);
        Assert.Equal(["Less than a week", "1 to 3 weeks", "4 weeks or more"], second[^1].SuggestedActions.Actions.Select(a => a.Title));
        Assert.EndsWith(sut.Content.Questions[Q.Severity].Text, third);
    }

    [Fact]
    public async Task A_few_weeks_is_never_read_as_under_four_weeks()
    {
        var sut = new BotConversation();
        await AnswerUntilAsync(sut, Q.Duration);

        var reply = await sut.SayTextAsync("a few weeks");

        Assert.Contains("Sorry, I didn't quite get that", reply);
        Assert.Contains("How long have you had this back pain", reply);
    }

    [Fact]
    public async Task Help_explains_the_current_question_and_asks_it_again()
    {
        var sut = new BotConversation();
        await AnswerUntilAsync(sut, Q.Rest);

        var reply = await sut.SayAsync("help");

        var text = BotConversation.Join(reply);
        Assert.Contains(sut.Content.Questions[Q.Rest].Help, text);
        Assert.Contains("start over", text);
        Assert.Equal(Q.Rest, sut.QuestionAsked(reply));
    }

    [Fact]
    public async Task Cancel_stops_and_start_over_begins_again_with_no_answers_kept()
    {
        var sut = new BotConversation();
        await AnswerUntilAsync(sut, Q.Severity, new() { [Q.Duration] = "6 weeks" });

        var cancelled = await sut.SayTextAsync("cancel");
        var restarted = await sut.SayAsync("start over");
        var summary = await sut.SayTextAsync("summary");

        Assert.Contains("I've stopped", cancelled);
        Assert.Equal(Q.EmergencyScreen, sut.QuestionAsked(restarted));
        Assert.DoesNotContain("How long", summary);
        Assert.Contains("No answers yet", summary);
    }

    [Fact]
    public async Task Summary_gives_a_plain_handover_of_the_answers_and_the_result()
    {
        var sut = new BotConversation();
        await new TriageDriver(sut).RunAsync(new() { [Q.Duration] = "about 6 weeks", [Q.Severity] = "5", [Q.LegPain] = "yes down to my foot", [Q.LegPainWhich] = "left" });

        var summary = await sut.SayTextAsync("summary");

        Assert.Contains("BackCare summary", summary);
        Assert.Contains("- How long: about 6 weeks", summary);
        Assert.Contains("- Pain at its worst (0-10): about 5 out of 10", summary);
        Assert.Contains("- Pain spreads down a leg: yes (one leg)", summary);
        Assert.Contains("(in their words: \"yes down to my foot\")", summary);
        Assert.Contains("- Below the knee: yes", summary);
        Assert.Contains("Result: see a doctor within about a week", summary);
        Assert.DoesNotContain("**", summary);
    }

    [Fact]
    public async Task Summary_mid_triage_lists_the_answers_so_far_and_repeats_the_question()
    {
        var sut = new BotConversation();
        await AnswerUntilAsync(sut, Q.Rest, new() { [Q.Duration] = "10 days", [Q.Severity] = "six" });

        var reply = await sut.SayAsync("summary");

        Assert.Contains("- How long: 10 days", BotConversation.Join(reply));
        Assert.Contains("- Pain at its worst (0-10): about 6 out of 10", BotConversation.Join(reply));
        Assert.Equal(Q.Rest, sut.QuestionAsked(reply));
    }

    private static async Task<(Q? Question, List<Microsoft.Bot.Schema.Activity> Replies)> AnswerUntilAsync(BotConversation sut, Q target, Dictionary<Q, string>? script = null)
    {
        var replies = await sut.SayAsync("hi");
        for (var i = 0; i < 40; i++)
        {
            var asked = sut.QuestionAsked(replies);
            if (asked is null || asked == target)
            {
                return (asked, replies);
            }

            replies = await sut.SayAsync(script is not null && script.TryGetValue(asked.Value, out var a) ? a : TriageDriver.AllClear(asked.Value));
        }

        return (null, replies);
    }

    private static string Headline(Disposition level) => level switch
    {
        Disposition.Emergency => EmergencyHeadline,
        Disposition.Urgent => UrgentHeadline,
        Disposition.Doctor => DoctorHeadline,
        _ => SelfCareHeadline,
    };

    private static void AssertExercisesOfferedOnlyWhenSafe(Disposition level, string advice)
    {
        switch (level)
        {
            case Disposition.SelfCare:
                Assert.Contains("Would you like to do a short, gentle routine now?", advice);
                break;
            case Disposition.Doctor:
                Assert.Contains("when your doctor agrees", advice);
                break;
            default:
                Assert.DoesNotContain("routine now", advice);
                Assert.DoesNotContain("stretches now", advice);
                break;
        }
    }
}
