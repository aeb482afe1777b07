using System.Text;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Progress;

/// <summary>
/// "delete my data" removes the recorded sessions for real: the real host on SQLite, a whole routine over
/// HTTP, and the bytes of the database file and its WAL read before and after (as Reliability/DeletionTests does).
/// </summary>
public class SessionDeletionTests
{
    [Fact]
    public async Task After_delete_my_data_the_sqlite_file_holds_none_of_the_persons_sessions()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-sessions-").FullName;
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Sqlite",
            ["BackCare:Storage:DataFolder"] = folder,
        });
        var person = "person-" + Guid.NewGuid().ToString("N");
        var conversation = new HttpConversation(host, "c-" + Guid.NewGuid().ToString("N"), person);
        await conversation.RunTriageToSelfCareAsync();
        await conversation.SayAsync("yes");
        var reply = await conversation.SayAsync("yes, let's start");
        for (var turn = 0; turn < 60 && !reply.Contains("How is your back now", StringComparison.Ordinal); turn++)
        {
            reply = await conversation.SayAsync("done");
        }

        var end = await conversation.SayAsync("2");
        Assert.Contains("Your first session is recorded", end, StringComparison.Ordinal);
        var before = SqliteFiles.RawText(folder);
        // A session's own fields (its type is not named in the stored list: see StateJson).
        Assert.Contains("\"PainBefore\"", before, StringComparison.Ordinal);
        Assert.Contains(person, before, StringComparison.Ordinal);

        await conversation.SayAsync("delete my data");

        var after = SqliteFiles.RawText(folder);
        Assert.DoesNotContain("\"PainBefore\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("RoutineSession", after, StringComparison.Ordinal);
        Assert.DoesNotContain(person, after, StringComparison.Ordinal);
        var fresh = new HttpConversation(host, "c-" + Guid.NewGuid().ToString("N"), person);
        Assert.Contains("I haven't recorded any routine sessions for you yet", await fresh.SayAsync("progress"), StringComparison.Ordinal);
    }

}
