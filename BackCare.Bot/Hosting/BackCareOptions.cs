namespace BackCare.Bot.Hosting;

/// <summary>BackCare's own settings, from the "BackCare" section of configuration.</summary>
public sealed class BackCareOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare";

    /// <summary>
    /// Gets or sets a value indicating whether the host may start outside Development with an empty
    /// MicrosoftAppId, accepting unauthenticated traffic. Default <c>false</c>: it refuses to start.
    /// </summary>
    public bool AllowUnauthenticatedOutsideDevelopment { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the host may listen beyond loopback addresses with an empty
    /// MicrosoftAppId. Default <c>false</c>: local mode (no authentication) is for this machine only.
    /// </summary>
    public bool AllowUnauthenticatedOnNetwork { get; set; }

    /// <summary>Gets or sets the triage content file; triage-content.json next to the assembly when empty.</summary>
    public string? TriageContentPath { get; set; }

    /// <summary>Gets or sets the exercise catalogue file; exercises.json next to the assembly when empty.</summary>
    public string? ExerciseCataloguePath { get; set; }

    /// <summary>Gets or sets the language's content folder (lexicon.json, known-words.txt, conversation.json); Content/en next to the assembly when empty.</summary>
    public string? LexiconFolder { get; set; }

    /// <summary>Gets or sets where to send people who need care: numbers and wording for the deployment's country.</summary>
    public CareContacts Care { get; set; } = new();

    /// <summary>Gets or sets how the Web Chat page reaches the bot.</summary>
    public DirectLine.DirectLineOptions DirectLine { get; set; } = new();

    /// <summary>Gets or sets the settings of the web page (which sites may frame it).</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>Gets or sets where conversation state is kept.</summary>
    public StorageOptions Storage { get; set; } = new();
}

/// <summary>The local emergency number and urgent-advice wording, set per deployment.</summary>
public sealed class CareContacts
{
    /// <summary>Gets or sets the emergency number (911 in the US, 999 in the UK, 112 in the EU). Default 911.</summary>
    public string EmergencyNumber { get; set; } = "911";

    /// <summary>Gets or sets where to get same-day advice, said after "see a doctor today:".</summary>
    public string UrgentAdvice { get; set; } = "call your doctor's office for a same-day appointment, or go to an urgent care clinic";
}

/// <summary>Which store keeps conversation and user state.</summary>
public sealed class StorageOptions
{
    /// <summary>Gets or sets the provider: "Sqlite" (default, a file under <see cref="DataFolder"/>), "Blob" or "Memory".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Gets or sets the folder for the SQLite file; relative paths are under the content root. Default "data".</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Gets or sets the Azure Storage connection string, for the Blob provider.</summary>
    public string BlobConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the blob container name, for the Blob provider. Default "backcare-state".</summary>
    public string BlobContainer { get; set; } = "backcare-state";

    /// <summary>Gets or sets how many days state may stay untouched before it is purged. Default 30; 0 keeps it forever.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Gets or sets how often the purge runs, in minutes. Default 60.</summary>
    public int PurgeIntervalMinutes { get; set; } = 60;
}
