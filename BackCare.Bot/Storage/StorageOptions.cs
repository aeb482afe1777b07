using System.ComponentModel.DataAnnotations;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Storage;

/// <summary>Which store keeps conversation and user state.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file under <see cref="StorageOptions.DataFolder"/> (the default).</summary>
    Sqlite,

    /// <summary>Azure Blob Storage, for several instances.</summary>
    Blob,

    /// <summary>In memory: lost on restart (tests).</summary>
    Memory,
}

/// <summary>Where conversation state is kept and for how long: read by <see cref="StorageFactory"/> and <see cref="StatePurgeService"/>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare:Storage";

    /// <summary>Gets or sets the provider. Default <see cref="StorageProvider.Sqlite"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Gets or sets the folder for the SQLite file; relative paths are under the content root. Default "data".</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Gets or sets the Azure Storage connection string, for the Blob provider.</summary>
    public string BlobConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the blob container name, for the Blob provider. Default "backcare-state".</summary>
    [Display(Name = Section + ":" + nameof(BlobContainer))]
    [Required(ErrorMessage = "{0} must be set.")]
    [StringLength(63, MinimumLength = 3, ErrorMessage = "{0} must be {2} to {1} characters long (Azure's rule for container names).")]
    [RegularExpression("^[a-z0-9](-?[a-z0-9])*$", ErrorMessage = "{0} must be lowercase letters, digits and single hyphens, starting and ending with a letter or digit (Azure's rule for container names).")]
    public string BlobContainer { get; set; } = "backcare-state";

    /// <summary>Gets or sets how many days state may stay untouched before it is purged. Default 30; 0 keeps it forever.</summary>
    [Display(Name = Section + ":" + nameof(RetentionDays))]
    [Range(0, 3650, ErrorMessage = "{0} must be between {1} and {2} (0 keeps state forever).")]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Gets or sets how often the purge runs, in minutes. Default 60.</summary>
    [Display(Name = Section + ":" + nameof(PurgeIntervalMinutes))]
    [Range(1, 10080, ErrorMessage = "{0} must be between {1} and {2} minutes (a week).")]
    public int PurgeIntervalMinutes { get; set; } = 60;
}

/// <summary>What data annotations cannot say: the provider is one BackCare knows, and what each provider needs is there.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Section = StorageOptions.Section;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case StorageProvider.Memory:
                return ValidateOptionsResult.Success;
            case StorageProvider.Sqlite:
                return IsFolderPath(options.DataFolder)
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail($"{Section}:{nameof(StorageOptions.DataFolder)} must be a folder path when {Section}:{nameof(StorageOptions.Provider)} is Sqlite.");
            case StorageProvider.Blob:
                if (string.IsNullOrWhiteSpace(options.BlobConnectionString))
                {
                    return ValidateOptionsResult.Fail($"{Section}:{nameof(StorageOptions.BlobConnectionString)} must be set when {Section}:{nameof(StorageOptions.Provider)} is Blob.");
                }

                // The connection string is a secret: the message never repeats it.
                return IsConnectionString(options.BlobConnectionString)
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail($"{Section}:{nameof(StorageOptions.BlobConnectionString)} must be an Azure Storage connection string (AccountName=...;AccountKey=... or UseDevelopmentStorage=true).");
            default:
                return ValidateOptionsResult.Fail($"{Section}:{nameof(StorageOptions.Provider)} must be Sqlite, Blob or Memory.");
        }
    }

    private static bool IsFolderPath(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder) || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        try
        {
            _ = Path.GetFullPath(folder);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    private static bool IsConnectionString(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
