using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;

namespace BackCare.Bot.Tests.Understanding;

/// <summary>Replies in people's words, read with each question's own phrases and keywords from the content file.</summary>
public class QuestionWordsTests
{
    [Theory]
    [InlineData(QuestionId.Rest, "it helps a bit when I lie down", Answer.Yes)]
    [InlineData(QuestionId.Rest, "resting doesn't help", Answer.No)]
    [InlineData(QuestionId.Rest, "lying down makes it worse", Answer.No)]
    [InlineData(QuestionId.Rest, "when I lie flat it goes away", Answer.Yes)]
    [InlineData(QuestionId.Night, "I can't sleep because of it", Answer.Yes)]
    [InlineData(QuestionId.Night, "it's worse in the morning", Answer.No)]
    [InlineData(QuestionId.Fever, "running a temp", Answer.Yes)]
    [InlineData(QuestionId.Fever, "no temperature", Answer.No)]
    [InlineData(QuestionId.Cancer, "I had skin cancer removed", Answer.Yes)]
    [InlineData(QuestionId.Cancer, "my mum had cancer", Answer.No)]
    [InlineData(QuestionId.Cancer, "my mum had cancer and so did I", Answer.Yes)]
    [InlineData(QuestionId.Osteoporosis, "I've been on prednisolone tablets for a year", Answer.Yes)]
    [InlineData(QuestionId.Osteoporosis, "my bones are thin", Answer.Yes)]
    [InlineData(QuestionId.ImmuneOrDrugs, "I take methotrexate", Answer.Yes)]
    [InlineData(QuestionId.ImmuneOrDrugs, "no drugs", Answer.No)]
    [InlineData(QuestionId.Lump, "there's a bump on my spine", Answer.Yes)]
    [InlineData(QuestionId.Lump, "my back looks normal", Answer.No)]
    [InlineData(QuestionId.Recurring, "it comes and goes but not worse", Answer.No)]
    [InlineData(QuestionId.AccidentOrFall, "I lifted a heavy box", Answer.No)]
    [InlineData(QuestionId.EmergencyScreen, "none of the above", Answer.No)]
    [InlineData(QuestionId.EmergencyScreen, "one of them", Answer.Yes)]
    public void Reads_answers_in_the_questions_own_words(QuestionId question, string text, Answer expected)
    {
        var reply = Language.Replies.Read(question, text, BotConversation.Today.UtcDateTime);

        Assert.Equal(expected, reply?.Answer);
    }

    [Theory]
    [InlineData(QuestionId.EmergencyScreen, "I'm fine")]
    public void Words_that_point_both_ways_or_nowhere_are_asked_again(QuestionId question, string text)
    {
        Assert.Null(Language.Replies.Read(question, text, BotConversation.Today.UtcDateTime));
    }
}
