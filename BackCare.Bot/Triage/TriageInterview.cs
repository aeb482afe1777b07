namespace BackCare.Bot.Triage;

/// <summary>
/// The order of the triage, as a pure function of the answers so far: which question comes next (none once an
/// emergency answer is given, or for someone under 16), and how a reply or a sign mentioned in passing changes
/// the answers. The questions themselves are rows of <see cref="TriageQuestions"/>.
/// </summary>
public static class TriageInterview
{
    /// <summary>How each question's answer is read.</summary>
    /// <param name="question">The question.</param>
    /// <returns>Its kind.</returns>
    public static QuestionKind KindOf(QuestionId question) => TriageQuestions.ById(question).Kind;

    /// <summary>Whether a "not sure" to this question is counted as a possible yes (and the bot says so).</summary>
    /// <param name="question">The question.</param>
    /// <returns><c>true</c> for the warning-sign questions.</returns>
    public static bool IsWarningSign(QuestionId question) => TriageQuestions.ById(question).IsWarningSign;

    /// <summary>The next question to ask, or <c>null</c> when the triage is done.</summary>
    /// <param name="a">The answers so far.</param>
    /// <returns>The question, or <c>null</c>.</returns>
    public static QuestionId? NextQuestion(TriageAnswers a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (TriageRules.Decide(a).Level == Disposition.Emergency || a.Age == AgeBand.Under16)
        {
            return null;
        }

        return TriageQuestions.All.FirstOrDefault(q => q.IsNeeded(a))?.Id;
    }

    /// <summary>How many questions are still to come, counting the next one, if the answers stay all clear.</summary>
    /// <param name="a">The answers so far.</param>
    /// <returns>The number of questions.</returns>
    public static int Remaining(TriageAnswers a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var count = 0;
        while (NextQuestion(a) is QuestionId next && count < TriageQuestions.All.Count)
        {
            count++;
            a = Apply(a, next, AllClear(next, a));
        }

        return count;
    }

    /// <summary>Records a reply.</summary>
    /// <param name="a">The answers so far.</param>
    /// <param name="question">The question that was answered.</param>
    /// <param name="reply">The reply, read with the question's kind.</param>
    /// <returns>The answers with the reply recorded.</returns>
    public static TriageAnswers Apply(TriageAnswers a, QuestionId question, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(reply);
        return TriageQuestions.ById(question).Apply(a, reply);
    }

    /// <summary>Records warning signs the person reported in their own words, at any turn (yes over not sure over no).</summary>
    /// <param name="a">The answers so far.</param>
    /// <param name="signs">The signs found, each yes or not sure.</param>
    /// <returns>The answers with each sign recorded.</returns>
    public static TriageAnswers RecordSigns(TriageAnswers a, IEnumerable<(RedFlag Sign, Answer Answer)> signs)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(signs);
        foreach (var (sign, answer) in signs)
        {
            a = sign switch
            {
                RedFlag.UpperBackPain => a with { PainSite = a.PainSite is PainSite.Lower or PainSite.Both ? PainSite.Both : PainSite.Upper },
                RedFlag.OneLegNumbOrWeak => a with
                {
                    NumbnessTinglingWeakness = a.NumbnessTinglingWeakness.Stronger(answer),
                    NumbnessLegs = a.NumbnessLegs ?? Legs.One,
                },
                RedFlag.NoReliefFromRest => a with { EasesWithRest = a.EasesWithRest == Answer.No ? Answer.No : answer == Answer.Yes ? Answer.No : Answer.NotSure },
                _ when TriageQuestions.AskingAbout(sign) is { Kind: QuestionKind.YesNo } row
                    => row.Apply(a, new Reply { Answer = ((Answer?)row.Value(a)).Stronger(answer) }),
                _ => a,
            };
        }

        return a;
    }

    /// <summary>The reply of someone with nothing to report, used to count the questions still to come.</summary>
    private static Reply AllClear(QuestionId question, TriageAnswers a) => TriageQuestions.ById(question) switch
    {
        { Kind: QuestionKind.Checklist } => new Reply { Checklist = ChecklistAnswer.None },
        { Kind: QuestionKind.Duration } => new Reply { Number = 3 },
        { Kind: QuestionKind.Severity } => new Reply { Number = 3 },
        { Kind: QuestionKind.Age } => new Reply { Age = a.Age.IsCurrent() ? a.Age : AgeBand.From20To49 },
        { Kind: QuestionKind.Location } => new Reply { Site = PainSite.Lower },
        { Kind: QuestionKind.WhichLegs } => new Reply { Legs = Legs.One },
        { WarningWhenNo: true } => new Reply { Answer = Answer.Yes },
        _ => new Reply { Answer = Answer.No },
    };
}
