using BackCare.Bot.Triage;

namespace BackCare.Bot.Exercises;

/// <summary>
/// What the routine is built from. Stored with the dialog, so every property added later has a default, and
/// the defaults are the safe side: what the person did not say counts against the harder exercises.
/// </summary>
/// <param name="Level">The triage outcome's level.</param>
/// <param name="Pain">The highest pain score the person reported in the conversation, 0–10.</param>
/// <param name="GymAccess">Whether the person has gym equipment.</param>
/// <param name="WantsLoadedLifts">Whether the person asked for the loaded lifts.</param>
/// <param name="Resume">Whether to carry on a routine already in progress instead of building a new one.</param>
/// <param name="EasesWithRest">Whether the pain eases with rest (a clear yes).</param>
/// <param name="LiftedBefore">Whether the person has lifted weights before.</param>
/// <param name="Osteoporosis">Whether the person has, or may have, osteoporosis.</param>
/// <param name="LongTermSteroids">Whether the person takes, or may take, steroid tablets long-term.</param>
/// <param name="Age">The person's age band; <c>null</c> when unknown (then read as possibly 65 or over).</param>
/// <param name="Progression">How far the routine has progressed (more than 0) or eased (less than 0) over earlier sessions.</param>
public sealed record RoutineRequest(
    Disposition Level,
    int Pain,
    bool GymAccess = false,
    bool WantsLoadedLifts = false,
    bool Resume = false,
    bool EasesWithRest = false,
    bool LiftedBefore = false,
    bool Osteoporosis = false,
    bool LongTermSteroids = false,
    AgeBand? Age = null,
    int Progression = 0)
{
    /// <summary>The risks that apply to the person, read on the safe side.</summary>
    /// <returns>The risks.</returns>
    public IReadOnlySet<Risk> Risks()
    {
        var risks = new HashSet<Risk>();
        if (Osteoporosis)
        {
            risks.Add(Risk.Osteoporosis);
        }

        if (LongTermSteroids)
        {
            risks.Add(Risk.LongTermSteroids);
        }

        if (Age.MayBeSixtyFiveOrOver())
        {
            risks.Add(Risk.SixtyFiveOrOver);
        }

        return risks;
    }

    /// <summary>A request from the triage's answers (the osteoporosis question asks about steroid tablets too).</summary>
    /// <param name="level">The triage outcome's level.</param>
    /// <param name="answers">The triage answers.</param>
    /// <param name="highestPain">The highest pain reported in the conversation.</param>
    /// <returns>The request, without gym, lifting or opt-in (asked after).</returns>
    public static RoutineRequest From(Disposition level, TriageAnswers answers, int highestPain)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var fragile = answers.OsteoporosisOrSteroids.CountsAsYes() || answers.OsteoporosisOrSteroids is null;
        return new RoutineRequest(level, highestPain, EasesWithRest: answers.EasesWithRest == Answer.Yes, Osteoporosis: fragile, LongTermSteroids: fragile, Age: answers.Age);
    }
}
