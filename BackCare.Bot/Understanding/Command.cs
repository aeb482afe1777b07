namespace BackCare.Bot.Understanding;

/// <summary>Words that work at any turn, whatever is being asked.</summary>
public enum Command
{
    None,
    Help,
    Cancel,
    StartOver,
    Summary,
    DeleteMyData,

    /// <summary>The person's progress over their routine sessions.</summary>
    Progress,
    SetReminder,
    StopReminders,
}
