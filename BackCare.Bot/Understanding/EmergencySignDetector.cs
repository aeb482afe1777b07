using System.Text.RegularExpressions;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Understanding;

/// <summary>
/// Finds emergency warning signs reported in free text at any turn ("I can't feel between my legs", "I wet
/// myself", "both my legs went numb"), and ignores them when they are denied ("no bladder problems", "I don't
/// have numbness"). Uncertainty ("not sure if I can feel...") is not denial: it still counts.
/// </summary>
public static partial class EmergencySignDetector
{
    private const string Numb = @"(numb\w*|tingl\w*|pins\s+and\s+needles|no\s+feeling|can'?t\s+feel|cannot\s+feel|could\s*n'?t\s+feel|lost\s+(the\s+|all\s+)?feeling|loss\s+of\s+feeling|no\s+sensation|dead|(if|whether)\s+i\s+can\s+(still\s+)?feel)";
    private const string Saddle = @"(between\s+(my\s+)?legs|genitals?|genital\s+area|groin|privates|private\s+(parts|area)|crotch|buttocks?|bottom|bum|butt|backside|inner\s+thighs?|saddle|back\s+passage|anus|vagina|penis|scrotum|perineum|down\s+there)";
    private const string LegSymptom = @"(numb\w*|weak\w*|tingl\w*|pins\s+and\s+needles|gave\s+way|giving\s+way|give\s+way|buckl\w*|dead|no\s+feeling|can'?t\s+feel|cannot\s+feel|paraly[sz]\w*|(like\s+)?jelly)";

    private static readonly (RedFlag Flag, Regex Pattern)[] Signs =
    [
        (RedFlag.SaddleNumbness, new Regex($@"{Numb}.{{0,40}}?{Saddle}|{Saddle}.{{0,40}}?{Numb}", RegexOptions.Compiled)),
        (RedFlag.BladderOrBowel, new Regex(
            @"\b(wet|peed|pee'd|pissed|soiled|pooed|pooped|messed)\s+(myself|my\s+(pants|trousers|underwear|bed)|the\s+bed)"
            + @"|\b(can'?t|cannot|could\s*n'?t|unable\s+to|trouble|difficulty|struggling\s+to|struggle\s+to|hard\s+to|problems?|issues?)\s+(with\s+)?(control(ling)?|hold(ing)?|empty(ing)?|start(ing)?|stop(ping)?|go(ing)?\s+to\s+the\s+toilet\s+to)?\s*(my\s+)?(pee|peeing|urinat\w*|wee|weeing|bladder|bowels?|poo|pooing|it\s+in)\b"
            + @"|\blost\s+control\s+of\s+(my\s+)?(bladder|bowels?)|\bloss\s+of\s+(bladder|bowel)\s+control|\b(bladder|bowel)\s+(control|problems?|trouble|issues?|leak\w*|accidents?)"
            + @"|\bincontinen\w*|\bleaking\s+(urine|pee|wee)|\baccidents?\s+with\s+(my\s+)?(bladder|bowels?|pee|wee)|\bcan'?t\s+(pee|wee|urinate)\b",
            RegexOptions.Compiled)),
        (RedFlag.BothLegsNumbOrWeak, new Regex(
            $@"\b(both|two)\s+(of\s+)?(my\s+)?(legs|feet)\b.{{0,40}}?{LegSymptom}|{LegSymptom}.{{0,40}}?\b(both|two)\s+(of\s+)?(my\s+)?(legs|feet)\b"
            + $@"|\b(my\s+)?legs\s+(went|are|feel|have\s+gone|keep|started|start|both)\s+(\w+\s+)?{LegSymptom}|\b(numb|weak|dead|tingly)\s+legs\b"
            + $@"|{LegSymptom}\s+(in|of)\s+(both\s+)?(my\s+)?legs\b",
            RegexOptions.Compiled)),
        (RedFlag.WorseningLegWeakness, new Regex(
            @"\bfoot\s*drop|\bdropp?(ing)?\s+(my\s+)?foot|\bfoot\s+(is\s+|keeps\s+)?(drag\w*|flop\w*|slap\w*)|\bdrag\w*\s+my\s+(foot|leg)|\bcan'?t\s+lift\s+my\s+(foot|toes)"
            + @"|\b(leg|legs)\s+(keeps?\s+|kept\s+|is\s+|are\s+)?(giving|gave|give)\s+way|\bweakness\s+(is\s+)?(getting|gets|got)\s+worse|\b(leg|legs)\s+(is\s+|are\s+)?getting\s+weaker"
            + @"|\b(tripping|stumbling)\s+over\s+my\s+(foot|feet|toes)",
            RegexOptions.Compiled)),
        (RedFlag.SeriousAccidentOrFall, new Regex(
            @"\b(car|road|traffic|motorbike|motorcycle|bike|cycling|skiing|work|sports?)\s+(accident|crash|collision|wreck)|\bcrashed\s+(my|the|a)\s+(car|bike|motorbike)|\bhit\s+by\s+a\s+(car|vehicle|truck|bus|van)"
            + @"|\bfell\s+(off|from|down)\s+(a\s+|the\s+|my\s+)?(ladder|roof|stairs|steps|horse|height|building|scaffold\w*|tree|balcony|wall)|\b(bad|serious|big|heavy|nasty|hard)\s+(fall|accident|crash)|\bfell\s+from\s+height",
            RegexOptions.Compiled)),
        (RedFlag.ChestPain, new Regex(
            @"\bchest\s+(pain|pains|hurts|is\s+hurting|tight\w*|pressure|ache)|\bpain\s+in\s+(my\s+|the\s+)?chest|\b(tight|heavy|crushing|squeezing)\s+(feeling\s+)?(in\s+)?(my\s+)?chest",
            RegexOptions.Compiled)),
    ];

    /// <summary>Finds the emergency signs that <paramref name="text"/> reports and does not deny.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The signs, each once; empty when none.</returns>
    public static IReadOnlyList<RedFlag> Detect(string? text)
    {
        // "pins and needles" is one symptom: keep the clause splitter from cutting it at "and".
        var said = TextNormalizer.Normalize(text).Replace("pins and needles", "tingling", StringComparison.Ordinal);
        if (said.Length == 0)
        {
            return [];
        }

        var found = new List<RedFlag>();
        foreach (var clause in ClauseBreak().Split(said))
        {
            // "not sure if..." is doubt, not denial.
            var plain = Doubt().Replace(clause, " ");
            foreach (var (flag, pattern) in Signs)
            {
                foreach (Match match in pattern.Matches(plain))
                {
                    if (!IsDenied(plain, match) && !found.Contains(flag))
                    {
                        found.Add(flag);
                    }
                }
            }
        }

        return found;
    }

    private static bool IsDenied(string clause, Match match)
        => Negation().IsMatch(clause[..match.Index]) || DeniedAfter().IsMatch(clause[(match.Index + match.Length)..]);

    [GeneratedRegex(@"[.;!\n]+|,|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\band\b|\bor\b")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\b(not\s+(sure|certain)|unsure|don'?t\s+know\s+(if|whether)|i\s+wonder\s+if|maybe|might\s+be)\b")]
    private static partial Regex Doubt();

    [GeneratedRegex(@"\b(no|not|don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|did\s+not|haven'?t|have\s+not|hasn'?t|hadn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|never|without|nor|none|neither|denies|deny|free\s+of|ruled\s+out|zero)\b")]
    private static partial Regex Negation();

    [GeneratedRegex(@"^\W*(no|none|nope|never|not\s+really|not\s+at\s+all|n/a)\b")]
    private static partial Regex DeniedAfter();
}
