using BackCare.Bot.Exercises;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Runs as the host starts: refuses an unauthenticated production start unless allowed, loads (and so validates)
/// the clinical content, and builds the recognisers' regexes so the first person does not wait for them.
/// </summary>
public sealed class StartupChecks(
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<BackCareOptions> options,
    TriageContent triageContent,
    ExerciseCatalogue catalogue,
    ReplyReader replies,
    ILogger<StartupChecks> logger) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        CheckAuthentication();
        logger.LogInformation(
            "Clinical content loaded: {QuestionCount} triage questions, {ExerciseCount} exercises.",
            triageContent.Questions.Count,
            catalogue.Exercises.Count);

        // The recognisers build large regexes on first use: do it now, off the request path.
        _ = Task.Run(
            () =>
            {
                replies.WarmUp();
                BackCare.Dialogs.Choices.ChoiceRecognizers.RecognizeChoice("the second one", [new("a"), new("b")]);
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void CheckAuthentication()
    {
        if (!string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]))
        {
            return;
        }

        if (environment.IsDevelopment())
        {
            logger.LogWarning("MicrosoftAppId is empty: local mode. /api/messages accepts requests without a token (Bot Framework Emulator, local Web Chat).");
            return;
        }

        if (!options.Value.AllowUnauthenticatedOutsideDevelopment)
        {
            throw new StartupRefusedException(
                $"Refusing to start: MicrosoftAppId is empty in the '{environment.EnvironmentName}' environment, so anyone could talk to /api/messages without a token. "
                + "Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppType, or, for a deliberate local test, set BackCare__AllowUnauthenticatedOutsideDevelopment=true.");
        }

        logger.LogWarning(
            "************************************************************************\n"
            + "SECURITY WARNING: MicrosoftAppId is empty in the '{Environment}' environment and\n"
            + "BackCare:AllowUnauthenticatedOutsideDevelopment is true. /api/messages ACCEPTS\n"
            + "UNAUTHENTICATED TRAFFIC. Do not expose this host to a network you don't trust.\n"
            + "************************************************************************",
            environment.EnvironmentName);
    }
}
