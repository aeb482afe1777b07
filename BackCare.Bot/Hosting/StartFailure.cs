using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Tells a start refused for its configuration or content (said to the operator in one message, without a stack
/// trace) from a fault (left to crash loudly).
/// </summary>
public static class StartFailure
{
    /// <summary>What to fix, when the start failed because of a setting or of the content; otherwise <c>null</c>.</summary>
    /// <param name="exception">What the start threw.</param>
    /// <returns>The message, or <c>null</c> for a fault.</returns>
    public static string? Describe(Exception exception) => exception switch
    {
        StartupRefusedException or InvalidDataException => exception.Message,

        // A setting that fails validation: each failure names its setting.
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),

        // Several options classes failed at once.
        AggregateException { InnerExceptions.Count: > 0 } all when all.InnerExceptions.All(e => Describe(e) is not null)
            => string.Join(" ", all.InnerExceptions.Select(e => Describe(e))),

        // A value the configuration binder could not convert (a word for a number, say); it names the setting.
        InvalidOperationException { InnerException: { } inner } binding when binding.TargetSite?.DeclaringType?.Assembly == typeof(ConfigurationBinder).Assembly
            => $"{binding.Message} {inner.Message}",

        _ => null,
    };
}
