using BackCare.Bot.Bots;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>
/// The record of handled activities is written every turn, so it is kept small: ids as digests, replies without
/// what a replay puts back, long replies compressed. Records written before that are still found and replayed.
/// </summary>
public class HandledActivitiesTests
{
    [Fact]
    public void A_record_written_with_whole_ids_and_replies_is_still_found_and_replayed()
    {
        var old = new Activity(ActivityTypes.Message) { Text = "Does the pain get better when you rest?", Conversation = new ConversationAccount(id: "c1"), ServiceUrl = "http://127.0.0.1:9" };
        var json = $"{{\"Items\":[{{\"Id\":\"a-7@638000000000000000\",\"Replies\":[{JsonConvert.ToString(JsonConvert.SerializeObject(old))}]}}]}}";
        var sut = JsonConvert.DeserializeObject<HandledActivities>(json)!;

        var found = sut.Find("a-7@638000000000000000");

        Assert.NotNull(found);
        Assert.Equal(old.Text, HandledActivities.Expand(found.Replies![0]).Text);
        Assert.Null(sut.Find("a-8@638000000000000000"));
    }

    [Fact]
    public void A_new_record_keeps_a_digest_of_the_id_and_finds_it()
    {
        var sut = new HandledActivities();

        sut.Record("1:f0a6c3-long-teams-style-activity-id@638000000000000000", []);

        Assert.NotNull(sut.Find("1:f0a6c3-long-teams-style-activity-id@638000000000000000"));
        Assert.Null(sut.Find("1:f0a6c3-long-teams-style-activity-id@638000000000000001"));
        Assert.DoesNotContain("teams", sut.Items[0].Id, StringComparison.Ordinal);
        Assert.True(sut.Items[0].Id.Length <= 13);
    }

    [Fact]
    public void A_kept_reply_leaves_out_the_conversation_and_a_long_one_is_compressed_and_comes_back_the_same()
    {
        var advice = string.Join("\n\n", Enumerable.Repeat("Gentle movement usually helps back pain settle; see a doctor if it gets much worse.", 8));
        var reply = (Activity)MessageFactory.SuggestedActions((IEnumerable<string>)["Yes", "No"], advice, ssml: null, inputHint: InputHints.AcceptingInput, toList: null);
        reply.Conversation = new ConversationAccount(id: "conversation-1");
        reply.From = new ChannelAccount("bot");
        reply.Recipient = new ChannelAccount("user-1");
        reply.ServiceUrl = "http://127.0.0.1:9";
        reply.ReplyToId = "a-7";
        var shortReply = (Activity)MessageFactory.Text("Noted.");
        shortReply.Conversation = reply.Conversation;

        var kept = HandledActivities.Compact(reply);
        var keptShort = HandledActivities.Compact(shortReply);
        var back = HandledActivities.Expand(kept);

        Assert.StartsWith("br:", kept, StringComparison.Ordinal);
        Assert.True(kept.Length < advice.Length / 2, $"kept {kept.Length} characters for {advice.Length}");
        Assert.Equal(advice, back.Text);
        Assert.Equal(["Yes", "No"], back.SuggestedActions.Actions.Select(a => a.Title));
        Assert.Equal(InputHints.AcceptingInput, back.InputHint);
        Assert.Null(back.Conversation);
        Assert.Null(back.ReplyToId);
        Assert.Equal("Noted.", JObject.Parse(keptShort)["text"]!.ToString());
        Assert.Null(JObject.Parse(keptShort)["conversation"]);
    }

    [Fact]
    public void A_long_reply_sent_again_in_another_conversation_is_kept_as_the_same_text_and_a_different_one_is_not()
    {
        // The latest compressed replies are found by their exact JSON: the same reply in another conversation (the
        // conversation is left out of what is kept) reuses the text; a reply differing in one letter does not.
        var advice = string.Join(" ", Enumerable.Repeat("Walk a little every hour and keep moving gently.", 10)) + Guid.NewGuid().ToString("N");
        Activity Reply(string text, string conversation)
        {
            var reply = (Activity)MessageFactory.Text(text);
            reply.Conversation = new ConversationAccount(id: conversation);
            return reply;
        }

        var first = HandledActivities.Compact(Reply(advice, "conversation-1"));
        var again = HandledActivities.Compact(Reply(advice, "conversation-2"));
        var other = HandledActivities.Compact(Reply(advice[..^1] + "!", "conversation-2"));

        Assert.StartsWith("br:", first, StringComparison.Ordinal);
        Assert.Same(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(advice, HandledActivities.Expand(again).Text);
        Assert.Equal(advice[..^1] + "!", HandledActivities.Expand(other).Text);
    }

    [Fact]
    public async Task A_retry_of_the_last_answer_gets_the_whole_advice_again_and_changes_nothing()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Sqlite",
            ["BackCare:Storage:DataFolder"] = Directory.CreateTempSubdirectory("backcare-retry-advice-").FullName,
        });
        var conversation = Guid.NewGuid().ToString("N");
        await new HttpConversation(host, conversation).AnswerUntilAsync("Last question");
        var no = Activities.Message("no", conversation);

        var first = await host.ExpectRepliesAsync((JObject)no.DeepClone());
        var before = StateJson.Serialize((await StoredState.ConversationDataAsync(host, conversation))!);
        var again = await host.ExpectRepliesAsync((JObject)no.DeepClone());
        var after = StateJson.Serialize((await StoredState.ConversationDataAsync(host, conversation))!);
        var handled = await StoredState.HandledAsync(host, conversation);

        Assert.Equal(Shape(first), Shape(again));
        Assert.Contains("doctor", string.Join("\n", first.Select(HttpConversation.TextOf)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, after);
        Assert.Contains(handled!.Items[^1].Replies!, r => r.StartsWith("br:", StringComparison.Ordinal));
    }

    /// <summary>What a person sees of the replies, and who they are from and to.</summary>
    private static string Shape(IEnumerable<JObject> replies)
        => string.Join("\n", replies.Select(r => $"{r["type"]}|{r["from"]?["id"]}|{r["recipient"]?["id"]}|{r["conversation"]?["id"]}|{r["replyToId"]}|{r["text"]}|{r["suggestedActions"]?.ToString(Formatting.None)}"));
}
