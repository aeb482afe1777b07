using Azure.Storage.Blobs;
using BackCare.Bot.Proactive;
using BackCare.Bot.Storage;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Tests.Proactive;

/// <summary>The reminder schedule over each real store: the index, and claiming a day with the ETag.</summary>
public class ReminderScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores() => ["Memory", "Sqlite", "Blob"];

    private static async Task<IStorage> StoreAsync(string kind) => kind switch
    {
        "Memory" => new MemoryStorage(),
        "Sqlite" => new SqliteStorage(Path.Combine(Directory.CreateTempSubdirectory("backcare-schedule-").FullName, "state.db")),
        _ => new BlobsStorage(new BlobContainerClient(await Azurite.ConnectionStringAsync(), $"schedule-{Guid.NewGuid():N}")),
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_two_instances_that_read_a_reminder_only_the_first_to_claim_the_day_has_it(string store)
    {
        var storage = await StoreAsync(store);
        var sut = new ReminderSchedule(storage, StorageFactory.LockFor(storage), new ManualClock(Now));
        await sut.SetAsync("emulator", "person", new Reminder { At = "19:00", TimeZone = "UTC", CreatedUtc = Now }, CancellationToken.None);
        var key = ReminderSchedule.KeyFor("emulator", "person");
        var readByFirst = (await sut.ReadAsync(key, CancellationToken.None))!;
        var readBySecond = (await sut.ReadAsync(key, CancellationToken.None))!;

        var first = await sut.ClaimAsync(key, readByFirst, "2026-11-26", CancellationToken.None);
        var second = await sut.ClaimAsync(key, readBySecond, "2026-11-26", CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("2026-11-26", (await sut.ReadAsync(key, CancellationToken.None))!.LastSentDay);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_index_lists_each_person_once_and_forgets_a_removed_one(string store)
    {
        var storage = await StoreAsync(store);
        var sut = new ReminderSchedule(storage, StorageFactory.LockFor(storage), new ManualClock(Now));
        var reminder = new Reminder { At = "07:30", TimeZone = "Europe/Paris", CreatedUtc = Now };

        await Task.WhenAll(
            sut.SetAsync("emulator", "a", reminder, CancellationToken.None),
            sut.SetAsync("emulator", "b", new Reminder { At = "08:00", CreatedUtc = Now }, CancellationToken.None),
            sut.SetAsync("msteams", "c", new Reminder { At = "09:00", CreatedUtc = Now }, CancellationToken.None));
        await sut.SetAsync("emulator", "a", new Reminder { At = "20:00", CreatedUtc = Now }, CancellationToken.None);
        var removed = await sut.RemoveAsync("emulator", "b", CancellationToken.None);
        var removedAgain = await sut.RemoveAsync("emulator", "b", CancellationToken.None);

        Assert.Equal(
            [ReminderSchedule.KeyFor("emulator", "a"), ReminderSchedule.KeyFor("msteams", "c")],
            (await sut.KeysAsync(Now, CancellationToken.None)).Order(StringComparer.Ordinal));
        Assert.Equal("20:00", (await sut.FindAsync("emulator", "a", CancellationToken.None))!.At);
        Assert.Null(await sut.FindAsync("emulator", "b", CancellationToken.None));
        Assert.True(removed);
        Assert.False(removedAgain);
    }
}

/// <summary>"Stop reminders" or "delete my data" between the service's read of a reminder and its claim of a day.</summary>
public class ReminderRemovedBeforeClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores() => ["Memory", "JsonMemory", "Sqlite"];

    private static IStorage Store(string kind) => kind switch
    {
        "Memory" => new MemoryStorage(),
        "JsonMemory" => new JsonMemoryStorage(),
        _ => new SqliteStorage(Path.Combine(Directory.CreateTempSubdirectory("backcare-schedule-").FullName, "state.db")),
    };

    [Fact]
    public async Task The_SDK_memory_store_inserts_a_missing_key_written_with_an_ETag_so_the_claim_must_check()
    {
        var storage = new MemoryStorage();

        await storage.WriteAsync(new Dictionary<string, object> { ["gone"] = new Reminder { At = "19:00", ETag = "7" } }, CancellationToken.None);

        Assert.True((await storage.ReadAsync(["gone"], CancellationToken.None)).ContainsKey("gone"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_reminder_removed_after_it_was_read_is_not_claimed_nor_written_back(string store)
    {
        var storage = Store(store);
        var sut = new ReminderSchedule(storage, StorageFactory.LockFor(storage), new ManualClock(Now));
        var reference = new Microsoft.Bot.Schema.ConversationReference { ChannelId = "emulator", Conversation = new() { Id = "c" } };
        await sut.SetAsync("emulator", "person", new Reminder { At = "19:00", TimeZone = "UTC", CreatedUtc = Now, Conversation = reference }, CancellationToken.None);
        var key = ReminderSchedule.KeyFor("emulator", "person");
        var readByService = (await sut.ReadAsync(key, CancellationToken.None))!;

        var removed = await sut.RemoveAsync("emulator", "person", CancellationToken.None);
        var claimed = await sut.ClaimAsync(key, readByService, "2026-11-26", CancellationToken.None);

        Assert.True(removed);
        Assert.False(claimed);
        Assert.Empty(await storage.ReadAsync([key], CancellationToken.None));
        Assert.Empty(await sut.KeysAsync(Now, CancellationToken.None));
    }
}
