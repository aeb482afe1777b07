namespace BackCare.Bot.Understanding;

/// <summary>What a person can say at any step of a routine.</summary>
public enum RoutineCommand
{
    None,
    Done,
    Repeat,
    Back,
    Skip,
    Pause,
    Resume,
    Stop,
    ItHurts,
    StartTimer,
}
