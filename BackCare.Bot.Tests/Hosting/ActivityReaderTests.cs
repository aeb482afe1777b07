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
}
