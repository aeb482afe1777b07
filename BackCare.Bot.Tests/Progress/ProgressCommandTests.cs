using BackCare.Bot.Tests.Support;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Progress;

public class ProgressCommandTests
{
    [Theory]
    [InlineData("progress")]
    [InlineData("Progress please")]
    [InlineData("show me my progress")]
    [InlineData("how am I doing?")]
    [InlineData("my chart")]
    [InlineData("show the pain graph")]
    [InlineData("am i getting better")]
    public void Asking_for_progress_is_the_progress_command(string said)
    {
        Assert.Equal(Command.Progress, Language.Commands.Read(said));
    }

    [Theory]
    [InlineData("it's progressing slowly")]
    [InlineData("no progress with the pain, it is still bad")]
    [InlineData("summary")]
    public void Other_messages_are_not(string said)
    {
        Assert.NotEqual(Command.Progress, Language.Commands.Read(said));
    }
}
