using BackCare.Bot.DirectLine;
using BackCare.Bot.Proactive;
using BackCare.Bot.Storage;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>
/// BackCare's settings: one small options class per consumer, each bound to its section of configuration and
/// validated when the host starts (data annotations, and an <see cref="IValidateOptions{TOptions}"/> where they
/// are not enough). A bad value stops the start with a message that names the setting.
/// </summary>
public static class BackCareSettings
{
    /// <summary>The configuration section under which all of BackCare's own settings sit.</summary>
    public const string Root = "BackCare";

    /// <summary>
    /// Gets every options class and the section it is bound to. <see cref="SettingNames"/> refuses a key under
    /// <see cref="Root"/> that none of them reads.
    /// </summary>
    public static IReadOnlyList<(string Section, Type Options)> Sections { get; } =
    [
        (LocalModeOptions.Section, typeof(LocalModeOptions)),
        (ContentOptions.Section, typeof(ContentOptions)),
        (CareOptions.Section, typeof(CareOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (DirectLineOptions.Section, typeof(DirectLineOptions)),
        (WebOptions.Section, typeof(WebOptions)),
        (ReminderOptions.Section, typeof(ReminderOptions)),
    ];

    /// <summary>Binds each options class to its section and validates it at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddBackCareSettings(this IServiceCollection services)
    {
        // First of the hosted services, so the settings are checked before any other is built (see below).
        services.AddHostedService<SettingsCheckedFirst>();
        Add<LocalModeOptions>(services, LocalModeOptions.Section);
        Add<ContentOptions>(services, ContentOptions.Section);
        Add<CareOptions>(services, CareOptions.Section);
        Add<StorageOptions>(services, StorageOptions.Section);
        Add<DirectLineOptions>(services, DirectLineOptions.Section);
        Add<WebOptions>(services, WebOptions.Section);
        Add<ReminderOptions>(services, ReminderOptions.Section);
        services.AddSingleton<IValidateOptions<ContentOptions>, ContentOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        return services;
    }

    private static void Add<TOptions>(IServiceCollection services, string section)
        where TOptions : class
        => services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// The host builds every hosted service, and what they need (the store, the content), before it runs the
    /// start-up validation of options; a bad setting would then surface as whichever one a constructor reads
    /// first. Registered before the others, this runs that validation first, so every bad setting is named at once.
    /// </summary>
    private sealed class SettingsCheckedFirst : IHostedService
    {
        public SettingsCheckedFirst(IStartupValidator validator)
        {
            ArgumentNullException.ThrowIfNull(validator);
            validator.Validate();
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
