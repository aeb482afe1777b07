using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace BackCare.Dialogs;

/// <summary>
/// Asks for a number and understands it written in digits or words ("7", "seven", "twelve and a half"), with
/// Microsoft.Recognizers.Text. The first number in the answer is taken.
/// </summary>
/// <typeparam name="T">A numeric type: int, long, float, double or decimal.</typeparam>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">An optional validator (for a range, say).</param>
/// <param name="defaultLocale">The culture used when the activity has no locale; English by default.</param>
public class NumberPrompt<T>(string dialogId, PromptValidator<T>? validator = null, string? defaultLocale = null) : Prompt<T>(dialogId, validator)
    where T : struct
{
    /// <summary>Gets or sets the culture used when the activity names none; <see cref="Culture.English"/> by default.</summary>
    public string DefaultLocale { get; set; } = defaultLocale ?? Culture.English;

    /// <inheritdoc/>
    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var result = new PromptRecognizerResult<T>();
        var text = turnContext.Activity.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult(result);
        }

        var culture = CultureFor(turnContext.Activity.Locale);
        var first = NumberRecognizer.RecognizeNumber(text, culture).FirstOrDefault();
        if (first?.Resolution is not null
            && first.Resolution.TryGetValue("value", out var raw)
            && decimal.TryParse(raw?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var integral = typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short);
            if (integral && value != decimal.Truncate(value))
            {
                // "7.5" is not an int: refuse rather than round it silently.
                return Task.FromResult(result);
            }

            try
            {
                result.Value = (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
                result.Succeeded = true;
            }
            catch (OverflowException)
            {
                result.Succeeded = false;
            }
        }

        return Task.FromResult(result);
    }

    private string CultureFor(string? locale)
    {
        var supported = Culture.GetSupportedCultureCodes();
        if (!string.IsNullOrEmpty(locale))
        {
            var match = supported.FirstOrDefault(c => c.Equals(locale, StringComparison.OrdinalIgnoreCase))
                ?? supported.FirstOrDefault(c => c.StartsWith(locale.Split('-')[0] + "-", StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return DefaultLocale;
    }
}
