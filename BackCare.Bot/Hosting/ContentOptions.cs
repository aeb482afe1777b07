using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>Other clinical content than the files shipped next to the assembly: read when the content is loaded.</summary>
public sealed class ContentOptions
{
    /// <summary>The configuration section (these settings sit at the top of BackCare's section).</summary>
    public const string Section = BackCareSettings.Root;

    /// <summary>Gets or sets the triage content file; triage-content.json next to the assembly when empty.</summary>
    public string? TriageContentPath { get; set; }

    /// <summary>Gets or sets the exercise catalogue file; exercises.json next to the assembly when empty.</summary>
    public string? ExerciseCataloguePath { get; set; }

    /// <summary>Gets or sets the language's content folder (lexicon.json, known-words.txt, conversation.json); Content/en next to the assembly when empty.</summary>
    public string? LexiconFolder { get; set; }
}

/// <summary>A configured content path must exist: a typo would otherwise surface as a confusing load error.</summary>
public sealed class ContentOptionsValidator : IValidateOptions<ContentOptions>
{
    private const string Section = ContentOptions.Section;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckFile(nameof(ContentOptions.TriageContentPath), options.TriageContentPath, failures);
        CheckFile(nameof(ContentOptions.ExerciseCataloguePath), options.ExerciseCataloguePath, failures);
        if (!string.IsNullOrEmpty(options.LexiconFolder) && !Directory.Exists(options.LexiconFolder))
        {
            failures.Add($"{Section}:{nameof(ContentOptions.LexiconFolder)} must be a folder that exists; '{options.LexiconFolder}' is not (leave it empty for the shipped lexicon).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFile(string setting, string? path, List<string> failures)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            failures.Add($"{Section}:{setting} must be a file that exists; '{path}' is not (leave it empty for the shipped file).");
        }
    }
}
