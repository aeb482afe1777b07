using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;

namespace BackCare.Bot.Tests.Triage;

/// <summary>The line at 65 (exercise gates): read from ages, buttons and old stored bands on the safe side.</summary>
public class AgeBandTests
{
    [Theory]
    [InlineData("64", AgeBand.From50To64)]
    [InlineData("65", AgeBand.From65To69)]
    [InlineData("50 to 64", AgeBand.From50To64)]
    [InlineData("65 to 69", AgeBand.From65To69)]
    [InlineData("in my sixties", AgeBand.From65To69)]
    [InlineData("69", AgeBand.From65To69)]
    [InlineData("70", AgeBand.SeventyOrOver)]
    public void Ages_either_side_of_65_are_read_into_their_band_and_a_range_across_it_leans_older(string said, AgeBand expected)
    {
        Assert.Equal(expected, Language.Age.Read(said, BotConversation.Today.UtcDateTime)?.Band);
    }

    [Theory]
    [InlineData(AgeBand.From20To49, false)]
    [InlineData(AgeBand.Under50, false)]
    [InlineData(AgeBand.From50To64, false)]
    [InlineData(AgeBand.From65To69, true)]
    [InlineData(AgeBand.SeventyOrOver, true)]
    [InlineData(AgeBand.FiftyOrOver, true)]
    [InlineData(AgeBand.From50To69, true)]
    [InlineData(null, true)]
    public void Old_and_unknown_bands_count_as_possibly_65_or_over(AgeBand? band, bool expected)
    {
        Assert.Equal(expected, band.MayBeSixtyFiveOrOver());
    }

    [Fact]
    public void The_new_bands_are_current_and_fifty_or_over_so_the_triage_does_not_ask_again()
    {
        AgeBand?[] bands = [AgeBand.From50To64, AgeBand.From65To69, AgeBand.From50To69];

        Assert.All(bands, b => Assert.True(b.IsCurrent() && b.FiftyOrOver()));
        Assert.Equal(["50 to 64", "65 to 69", "50 to 69"], bands.Select(b => Language.Content.Phrase($"age.{b}")));
    }

    [Fact]
    public void The_age_question_offers_a_button_each_side_of_65()
    {
        var buttons = Language.Content.Questions[QuestionId.Age].Buttons;

        Assert.Contains("50 to 64", buttons);
        Assert.Contains("65 to 69", buttons);
    }
}
