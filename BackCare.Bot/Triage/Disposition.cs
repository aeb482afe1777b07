namespace BackCare.Bot.Triage;

/// <summary>How urgently the person should see a clinician. Ordered: a higher value is more urgent.</summary>
public enum Disposition
{
    SelfCare = 0,
    Doctor = 1,
    Urgent = 2,
    Emergency = 3,
}
