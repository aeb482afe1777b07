using BackCare.Bot.Exercises;
using BackCare.Bot.Triage;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Runs as the host starts (after the settings are validated, see <see cref="BackCareSettings"/>): refuses setting
/// names BackCare does not read and an unauthenticated production start unless allowed, loads (and so validates)
/// the clinical content, and has the recognisers' regexes built after the first turn or a few seconds (<see cref="RecognizerWarmUp"/>), so the first person does not wait for them.
/// </summary>
public sealed class StartupChecks(
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<LocalModeOptions> options,
    IServiceProvider services,
    ILogger<StartupChecks> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CheckAuthentication();

        // The content is loaded (and so checked) now, on both cores: the lexicon, then its regexes (built in
        // parallel), the language layer, the reply reader (which checks the questions against the lexicon) and the
        // dialogs on one side; the other content, and what the first turn would otherwise set up itself, on the other.
        var compiled = Task.CompletedTask;
        var language = Task.Run(
            () =>
            {
                compiled = Task.Run(services.GetRequiredService<Understanding.Lexicon>().CompileAll, cancellationToken);
                var warmUp = services.GetRequiredService<RecognizerWarmUp>();
                _ = services.GetRequiredService<Dialogs.MainDialog>();
                return warmUp;
            },
            cancellationToken);
        var content = Task.Run(
            async () =>
            {
                var triage = services.GetRequiredService<TriageContent>();
                var catalogue = services.GetRequiredService<ExerciseCatalogue>();
                _ = services.GetRequiredService<Cards.Illustrations>(); // a catalogue exercise without its pictures stops the start
                _ = services.GetRequiredService<Content.BotText>();
                _ = services.GetRequiredService<Progress.PainChart>(); // its font too, rather than the first "progress"
                await PrepareFirstTurnAsync(cancellationToken);
                return (Questions: triage.Questions.Count, Exercises: catalogue.Exercises.Count);
            },
            cancellationToken);
        await Task.WhenAll(language, content);
        await compiled;
        logger.ContentLoaded(content.Result.Questions, content.Result.Exercises);

        // The recognisers build large regexes on first use: off the request path, after the first turn (see RecognizerWarmUp).
        language.Result.StartLatestAfterDelay();
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// What the first turn would otherwise set up itself: the state's JSON contracts, the request reader, and the
    /// store's connection. Nothing is stored; a store that cannot be reached yet is left to the turn (and the health
    /// check) to report.
    /// </summary>
    private async Task PrepareFirstTurnAsync(CancellationToken cancellationToken)
    {
        _ = Storage.StateJson.Serialize(new Dictionary<string, object>
        {
            [nameof(Bots.ConversationData)] = new Bots.ConversationData(),
            [nameof(Bots.HandledActivities)] = new Bots.HandledActivities(),
            [nameof(BackCare.Dialogs.DialogState)] = new BackCare.Dialogs.DialogState(),
            [nameof(Bots.UserProfile)] = new Bots.UserProfile(),
        });
        _ = ActivityReader.Read("""{"type":"message","channelId":"emulator","serviceUrl":"http://localhost/","conversation":{"id":"start-up"},"from":{"id":"start-up"},"timestamp":"2026-01-01T00:00:00.0000000Z","text":"hi"}"""u8.ToArray());
        if (services.GetRequiredService<Microsoft.Bot.Builder.IStorage>() is Storage.IStateDocuments documents)
        {
            try
            {
                _ = await documents.ReadDocumentsAsync(["backcare/start-up"], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.StorePreparationFailed(ex.GetType().FullName);
            }
        }
    }

    /// <summary>The SDK's cloud settings: once one is set, the SDK reads them all from configuration.</summary>
    public static readonly IReadOnlyList<string> CloudSettings =
    [
        "ToChannelFromBotLoginUrl", "ToChannelFromBotOAuthScope", "ToBotFromChannelTokenIssuer", "OAuthUrl",
        "ToBotFromChannelOpenIdMetadataUrl", "ToBotFromEmulatorOpenIdMetadataUrl",
    ];

    /// <summary>
    /// A half-set cloud: with one of the SDK's cloud settings set, it takes all of them from configuration, and a
    /// missing login URL fails every authenticated turn with a 500. Refuse the start and name what is missing.
    /// </summary>
    private void CheckCloudSettings()
    {
        var set = CloudSettings.Where(k => !string.IsNullOrWhiteSpace(configuration[k])).ToList();
        if (set.Count > 0 && set.Count < CloudSettings.Count)
        {
            throw new StartupRefusedException(
                $"Refusing to start: {string.Join(", ", set)} {(set.Count == 1 ? "is" : "are")} set, so the Bot Framework SDK reads every cloud setting from configuration, "
                + $"but {string.Join(", ", CloudSettings.Except(set))} {(CloudSettings.Count - set.Count == 1 ? "is" : "are")} missing. Set all of them (a sovereign or private cloud), or none (the public cloud).");
        }
    }

    private void CheckAuthentication()
    {
        CheckSettingNames();
        var appId = configuration["MicrosoftAppId"];
        if (!string.IsNullOrWhiteSpace(appId))
        {
            CheckAppCredentials();
            CheckCloudSettings();
            return;
        }

        if (!environment.IsDevelopment() && !options.Value.AllowUnauthenticatedOutsideDevelopment)
        {
            throw new StartupRefusedException(
                $"Refusing to start: MicrosoftAppId is empty in the '{environment.EnvironmentName}' environment, so anyone could talk to /api/messages without a token. "
                + "Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppType, or, for a deliberate local test, set BackCare__AllowUnauthenticatedOutsideDevelopment=true.");
        }

        var exposed = ListenAddresses.NonLoopback(configuration);
        if (exposed.Count > 0 && !options.Value.AllowUnauthenticatedOnNetwork)
        {
            throw new StartupRefusedException(
                $"Refusing to start: MicrosoftAppId is empty (local mode, no authentication) but the host would listen on {string.Join(", ", exposed)}, beyond this machine. "
                + "Listen on localhost or 127.0.0.1 only (for example --urls http://127.0.0.1:3978), set MicrosoftAppId and MicrosoftAppPassword, "
                + "or, deliberately, set BackCare__AllowUnauthenticatedOnNetwork=true.");
        }

        if (!environment.IsDevelopment() || exposed.Count > 0)
        {
            logger.UnauthenticatedOutsideLocal(environment.EnvironmentName, exposed.Count > 0 ? $" on {string.Join(", ", exposed)}" : string.Empty);
            return;
        }

        logger.LocalMode();
    }

    private void CheckAppCredentials()
    {
        var type = configuration["MicrosoftAppType"];
        var password = configuration["MicrosoftAppPassword"];
        var tenant = configuration["MicrosoftAppTenantId"];
        switch (string.IsNullOrWhiteSpace(type) ? "multitenant" : type.Trim().ToLowerInvariant())
        {
            case "multitenant":
            case "singletenant":
                if (string.IsNullOrWhiteSpace(password))
                {
                    throw new StartupRefusedException(
                        $"Refusing to start: MicrosoftAppId is set but MicrosoftAppPassword is empty; a {(string.IsNullOrWhiteSpace(type) ? "MultiTenant" : type.Trim())} app needs its secret to answer. "
                        + "Set MicrosoftAppPassword (environment variable MicrosoftAppPassword), or use MicrosoftAppType=UserAssignedMSI.");
                }

                if (type?.Trim().Equals("SingleTenant", StringComparison.OrdinalIgnoreCase) == true && string.IsNullOrWhiteSpace(tenant))
                {
                    throw new StartupRefusedException("Refusing to start: MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is empty. Set MicrosoftAppTenantId.");
                }

                break;
            case "userassignedmsi":
                if (string.IsNullOrWhiteSpace(tenant))
                {
                    throw new StartupRefusedException("Refusing to start: MicrosoftAppType is UserAssignedMSI but MicrosoftAppTenantId is empty. Set MicrosoftAppTenantId.");
                }

                break;
            default:
                throw new StartupRefusedException($"Refusing to start: MicrosoftAppType '{type}' is not known. Use MultiTenant, SingleTenant or UserAssignedMSI.");
        }
    }

    private void CheckSettingNames()
    {
        var wrong = SettingNames.Unknown(configuration);
        if (wrong.Count > 0)
        {
            throw new StartupRefusedException("Refusing to start: these settings are not read by BackCare, so they would be silently ignored: "
                + string.Join("; ", wrong) + ". See the settings table in README.md.");
        }
    }
}
