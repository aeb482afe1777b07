using BackCare.Bot.Bots;
using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Dialogs;
using BackCare.Bot.DirectLine;
using BackCare.Bot.Exercises;
using BackCare.Bot.Progress;
using BackCare.Bot.Proactive;
using BackCare.Bot.Storage;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>Registers BackCare's services.</summary>
public static class BackCareServiceCollectionExtensions
{
    /// <summary>Adds the bot, its adapter, state, storage, clinical content and dialogs.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (root: the SDK reads MicrosoftAppId and friends from it).</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddBackCareBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBackCareSettings();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpClient();

        // The Bot Framework: authentication from configuration (empty app id = local mode), and the adapter.
        // The connector and user-token clients are built when a turn uses them (see OnDemandClientsAuthentication).
        services.AddSingleton<BotFrameworkAuthentication>(sp => new OnDemandClientsAuthentication(ActivatorUtilities.CreateInstance<ConfigurationBotFrameworkAuthentication>(sp)));
        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<RecognizerWarmUp>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.AddSingleton<RejectedTokenLog>();

        // No body on any route may be larger than this; the bot's routes set their own, smaller, limits.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.ServerMaxBytes);

        // State.
        services.AddSingleton<IStorage>(sp => StorageFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp => StorageFactory.LockFor(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<SerializedTurnsMiddleware>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<TypingIndicator>();
        services.AddHostedService<StatePurgeService>();
        services.AddSingleton<ConversationState, BackCareConversationState>();
        services.AddSingleton<UserState, BackCareUserState>();
        services.AddSingleton(sp => sp.GetRequiredService<ConversationState>().CreateProperty<ConversationData>(nameof(ConversationData)));
        services.AddSingleton(sp => sp.GetRequiredService<UserState>().CreateProperty<UserProfile>(nameof(UserProfile)));

        // Clinical content, validated at start-up by StartupChecks.
        services.AddSingleton(sp => TriageContent.Load(ContentPath(sp, o => o.TriageContentPath, "Triage", TriageContent.FileName)));
        services.AddSingleton(sp => ExerciseCatalogue.Load(ContentPath(sp, o => o.ExerciseCataloguePath, "Exercises", ExerciseCatalogue.FileName)));
        services.AddSingleton(sp => Illustrations.Load(
            Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ContentPath(sp, o => o.ExerciseCataloguePath, "Exercises", ExerciseCatalogue.FileName)))!, Illustrations.FileName),
            sp.GetRequiredService<ExerciseCatalogue>(),
            WebRoot(sp)));
        services.AddSingleton(sp => Lexicon.Load(ContentPath(sp, o => o.LexiconFolder, "Content", "en", string.Empty)));
        services.AddSingleton(sp => BotText.Load(Path.Combine(ContentPath(sp, o => o.LexiconFolder, "Content", "en", string.Empty), BotText.FileName)));
        services.AddSingleton<LanguageLayer>();
        services.AddSingleton<AnswerReader>();
        services.AddSingleton<CommandReader>();
        services.AddSingleton<SeverityReader>();
        services.AddSingleton<SignScanner>();
        services.AddSingleton(sp =>
        {
            var content = sp.GetRequiredService<TriageContent>();
            content.CheckAgainst(sp.GetRequiredService<Lexicon>());
            return new ReplyReader(sp.GetRequiredService<LanguageLayer>(), content);
        });
        services.AddSingleton<Listening>();
        services.AddSingleton(sp =>
        {
            var care = sp.GetRequiredService<IOptions<CareOptions>>().Value;
            return new TriageReport(sp.GetRequiredService<TriageContent>(), care.EmergencyNumber, care.UrgentAdvice);
        });

        // Cards, with the exercises' pictures.
        services.AddHttpContextAccessor();
        services.AddSingleton<PictureLinks>();
        services.AddSingleton<CardSet>();

        // Progress over days: the chart drawn on the server, with the font shipped next to the assembly.
        services.AddSingleton(_ => new PainChart(PainChart.ShippedFont));
        services.AddSingleton<ProgressReport>();

        // Dialogs hold no per-conversation state: one instance serves every conversation.
        services.AddSingleton<TriageDialog>();
        services.AddSingleton<RoutineDialog>();
        services.AddSingleton<MainDialog>();

        // Messages the bot sends unasked: the routine's timers and the daily reminders.
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<ConversationTimers>();
        services.AddSingleton<ReminderSchedule>();
        services.AddSingleton<ReminderConversation>();
        services.AddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        services.AddTransient<IBot, BackCareBot<MainDialog>>();

        services.AddDirectLine();
        services.AddStaticAssets();
        services.AddHostedService<StartupChecks>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>The files the host serves: the web host's (static web assets included), or wwwroot under the content root.</summary>
    private static Microsoft.Extensions.FileProviders.IFileProvider WebRoot(IServiceProvider services)
        => services.GetService<IWebHostEnvironment>()?.WebRootFileProvider is { } provider and not Microsoft.Extensions.FileProviders.NullFileProvider
            ? provider
            : new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, "wwwroot"));

    private static string ContentPath(IServiceProvider services, Func<ContentOptions, string?> configured, params string[] parts)
        => configured(services.GetRequiredService<IOptions<ContentOptions>>().Value) is { Length: > 0 } path
            ? path
            : Path.Combine([AppContext.BaseDirectory, .. parts]);
}
