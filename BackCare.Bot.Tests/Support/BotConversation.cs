using BackCare.Bot.Hosting;
using BackCare.Bot.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCare.Bot.Tests.Support;

/// <summary>
/// The real bot (every service as the host registers it) talking through the SDK's TestAdapter, over a store
/// that the test can keep and hand to a new conversation object, as after a restart.
/// </summary>
public sealed class BotConversation
{
    /// <summary>A Wednesday, so that "since last Tuesday" is 8 days.</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly TestAdapter _adapter;
    private readonly IBot _bot;

    public BotConversation(IStorage? storage = null, string channelId = "emulator", ConversationReference? conversation = null, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        Storage = storage ?? new MemoryStorage();
        // The host's own appsettings.json first (the clinic's care settings, as the real host reads them), then the test's.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(SolutionPaths.BotProject, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BackCare:Storage:Provider"] = "Memory" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddLogging();
        services.AddBackCareBot(configuration);
        services.AddSingleton(Storage);
        Clock = clock ?? new FixedClock(Today);
        services.AddSingleton(Clock);
        Services = services.BuildServiceProvider();
        _bot = Services.GetRequiredService<IBot>();

        conversation ??= TestAdapter.CreateConversation(Guid.NewGuid().ToString("N"));
        conversation.ChannelId = channelId;
        Conversation = conversation;
        _adapter = new TestAdapter(conversation);
        Content = Services.GetRequiredService<TriageContent>();
    }

    public IStorage Storage { get; }

    /// <summary>The clock the bot reads (a <see cref="FixedClock"/> at <see cref="Today"/> unless the test gave one).</summary>
    public TimeProvider Clock { get; }

    public IServiceProvider Services { get; }

    public ConversationReference Conversation { get; }

    public TriageContent Content { get; }

    /// <summary>Everything the bot has said in this conversation, in order.</summary>
    public List<Activity> Transcript { get; } = [];

    /// <summary>A new conversation of the same person over the same store, as a new Web Chat session would be.</summary>
    public BotConversation LaterConversationOfTheSamePerson()
        => new(Storage, conversation: TestAdapter.CreateConversation($"later-{Guid.NewGuid():N}"), clock: Clock);

    /// <summary>Sends a message and returns the bot's replies to it.</summary>
    public async Task<List<Activity>> SayAsync(string text)
    {
        var activity = _adapter.MakeActivity(text);
        return await SendAsync(activity);
    }

    /// <summary>Taps a button of a card the bot sent, as Web Chat posts it (the button's data, no text).</summary>
    public Task<List<Activity>> TapAsync(Activity cardMessage, string title)
    {
        var tap = SentCards.Tap(SentCards.Adaptive(cardMessage) ?? throw new InvalidOperationException("That message has no card."), title);
        var activity = _adapter.MakeActivity();
        activity.Value = tap.Value;
        activity.Text = null;
        return SendAsync(activity);
    }

    /// <summary>Sends any activity and returns the bot's replies to it.</summary>
    public async Task<List<Activity>> SendAsync(Activity activity)
    {
        await _adapter.ProcessActivityAsync(activity, _bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<Activity>();
        while (_adapter.GetNextReply() is Activity reply)
        {
            if (reply.Type != ActivityTypes.Typing)
            {
                replies.Add(reply);
            }
        }

        Transcript.AddRange(replies);
        return replies;
    }

    /// <summary>Sends a message and returns the text of all replies, joined.</summary>
    public async Task<string> SayTextAsync(string text) => Join(await SayAsync(text));

    public static string Join(IEnumerable<Activity> replies) => string.Join("\n", replies.Select(SentCards.TextOf));

    /// <summary>Which triage question these replies end with, if any.</summary>
    public QuestionId? QuestionAsked(IEnumerable<Activity> replies)
    {
        var last = replies.LastOrDefault();
        var text = SentCards.TextOf(last);
        if (text is null)
        {
            return null;
        }

        // The longest question text that the message ends with (some questions are prefixes of others' wording).
        // A confirmation after a mixed reply counts as its question asked again.
        return Content.Questions
            .SelectMany(q => new[] { (q.Key, q.Value.Text), (q.Key, q.Value.Confirm ?? "\0") })
            .Where(q => text.EndsWith(q.Item2, StringComparison.Ordinal))
            .OrderByDescending(q => q.Item2.Length)
            .Select(q => (QuestionId?)q.Key)
            .FirstOrDefault();
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "BackCare.Bot";

        public string ContentRootPath { get; set; } = SolutionPaths.BotProject;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

/// <summary>A clock stopped at one moment.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
