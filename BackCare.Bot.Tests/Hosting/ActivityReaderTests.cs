using System.Text;
using BackCare.Bot.Hosting;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>The activity's times are read to exactly what the serializer's own reading gives, whatever their form.</summary>
public class ActivityReaderTests
{
    private static readonly JsonSerializer Plain = JsonSerializer.Create(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

    [Theory]
    [InlineData("2026-11-26T17:02:05.1234567Z")]
    [InlineData("2026-11-26T17:02:05.1234567+01:00")]
    [InlineData("2026-11-26T17:02:05.123Z")]
    [InlineData("2026-11-26T17:02:05Z")]
    [InlineData("2026-11-26T17:02:05.5-05:30")]
    [InlineData("2026-11-26T17:02:05")]
    [InlineData("2026-11-26")]
    [InlineData("11/26/2026 17:02:05 +00:00")]
    public void Times_read_as_the_serializer_reads_them(string time)
    {
        var json = new JObject
        {
            ["type"] = "message",
            ["id"] = "1",
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://localhost:3978/",
            ["conversation"] = new JObject { ["id"] = "c" },
            ["from"] = new JObject { ["id"] = "u" },
            ["timestamp"] = time,
            ["localTimestamp"] = time,
        };
        var expected = json.ToObject<Activity>(Plain)!;

        var (activity, problem) = ActivityReader.Read(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));

        Assert.Null(problem);
        Assert.Equal(expected.Timestamp, activity!.Timestamp);
        Assert.Equal(expected.Timestamp?.Offset, activity.Timestamp?.Offset);
        Assert.Equal(expected.LocalTimestamp, activity.LocalTimestamp);
        Assert.Equal(expected.LocalTimestamp?.Offset, activity.LocalTimestamp?.Offset);
    }

    [Theory]
    [InlineData("\"not a time\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void A_time_that_is_not_one_is_refused_naming_the_field_or_read_as_none(string time)
    {
        var body = $$"""{"type":"message","channelId":"emulator","serviceUrl":"http://localhost/","conversation":{"id":"c"},"from":{"id":"u"},"timestamp":{{time}}}""";

        var (activity, problem) = ActivityReader.Read(Encoding.UTF8.GetBytes(body));

        if (time == "\"not a time\"")
        {
            Assert.Null(activity);
            Assert.Contains("'timestamp'", problem, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(problem);
            Assert.Null(activity!.Timestamp);
        }
    }

    public static TheoryData<string> Activities() => new()
    {
        """{"type":"message","id":"1","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/emea/","from":{"id":"29:1","name":"Ana","aadObjectId":"x"},"conversation":{"id":"a:1","conversationType":"personal","tenantId":"t"},"recipient":{"id":"28:bot","name":"BackCare"},"text":"<at>BackCare</at> hi","entities":[{"type":"mention","text":"<at>BackCare</at>","mentioned":{"id":"28:bot","name":"BackCare"}},{"type":"clientInfo","locale":"en-GB","timezone":"Europe/London"}],"channelData":{"tenant":{"id":"t"}},"locale":"en-GB","localTimezone":"Europe/London","timestamp":"2026-11-26T17:02:05.1234567Z","localTimestamp":"2026-11-26T17:02:05.1234567+00:00"}""",
        """{"type":"message","channelId":"emulator","serviceUrl":"http://localhost:3978/","from":{"id":"u","role":"user"},"conversation":{"id":"c"},"recipient":{"id":"b","role":"bot"},"value":{"action":"done","step":"a:3","nested":{"n":1.5,"list":[1,"two",null,true]}},"attachments":[],"membersAdded":[{"id":"u"}],"deliveryMode":"expectReplies"}""",
        """{"type":"conversationUpdate","channelId":"webchat","serviceUrl":"http://localhost/","from":{"id":"u"},"conversation":{"id":"c"},"recipient":{"id":"b"},"membersAdded":[{"id":"b","name":"bot"},{"id":"u"}],"name":null,"text":null,"suggestedActions":null,"extra":{"deep":[[[{"a":1}]]]}}""",
        """{"type":"message","channelId":"emulator","serviceUrl":"http://localhost/","from":{"id":"u"},"conversation":{"id":"c"},"text":"café ☕ 😀 \u00e9\n\"quoted\""}""",
    };

    [Theory]
    [MemberData(nameof(Activities))]
    public void An_activity_read_straight_from_the_text_is_the_one_read_through_a_json_tree(string body)
    {
        var tree = JObject.Load(new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None });
        var expected = tree.ToObject<Activity>(JsonSerializer.Create(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None, Converters = [new Timestamp()] }))!;

        var (activity, problem) = ActivityReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.Null(problem);
        Assert.Equal(JsonConvert.SerializeObject(expected), JsonConvert.SerializeObject(activity));
    }

    [Theory]
    [InlineData("""{"Type":"message","channelId":"emulator","serviceUrl":"http://localhost/","from":{"id":"u"},"conversation":{"id":"c"}}""", "no type")]
    [InlineData("""{"type":"message","type":5,"channelId":"emulator","serviceUrl":"http://localhost/","from":{"id":"u"},"conversation":{"id":"c"}}""", "'type'")]
    [InlineData("""{"type":"message","channelId":"emulator","serviceUrl":"http://localhost/","from":{"id":"u","ID":7},"conversation":{"id":"c"}}""", "")]
    [InlineData("""{'type':'message','channelId':'emulator','serviceUrl':'http://localhost/','from':{'id':'u'},'conversation':{'id':'c'}}""", "")]
    public void What_the_straight_reading_does_not_pass_is_read_and_judged_as_before(string body, string problemPart)
    {
        var (activity, problem) = ActivityReader.Read(Encoding.UTF8.GetBytes(body));

        if (problemPart.Length == 0)
        {
            // JSON the lenient parser takes, or a field name in another case outside the checks: read as before.
            Assert.Null(problem);
            Assert.Equal("message", activity!.Type);
        }
        else
        {
            Assert.Null(activity);
            Assert.Contains(problemPart, problem, StringComparison.Ordinal);
        }
    }

    /// <summary>The times as the serializer reads them (for the comparison: the reader's own converter is internal).</summary>
    private sealed class Timestamp : JsonConverter
    {
        public override bool CanWrite => false;

        public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset?);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
            => reader.Value is string text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind) : null;

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => throw new NotSupportedException();
    }
}
