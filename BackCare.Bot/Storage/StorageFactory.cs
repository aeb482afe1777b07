using Azure.Storage.Blobs;
using BackCare.Bot.Hosting;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>
/// Creates the state store named in configuration, and the turn lock that goes with it. The settings were checked
/// at start-up (<see cref="StorageOptionsValidator"/>); the checks here guard direct callers.
/// </summary>
public static class StorageFactory
{
    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <param name="environment">The host environment, for relative folders.</param>
    /// <returns>The store.</returns>
    /// <exception cref="StartupRefusedException">The provider is unknown or its settings are incomplete.</exception>
    public static IStorage Create(StorageOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        switch (options.Provider)
        {
            case StorageProvider.Memory:
                return new JsonMemoryStorage();
            case StorageProvider.Sqlite:
                return new SqliteStorage(Path.Combine(Path.GetFullPath(options.DataFolder, environment.ContentRootPath), "backcare-state.db"));
            case StorageProvider.Blob:
                if (string.IsNullOrWhiteSpace(options.BlobConnectionString))
                {
                    throw new StartupRefusedException("BackCare:Storage:Provider is Blob but BackCare:Storage:BlobConnectionString is empty.");
                }

                return new BlobsStorage(new BlobContainerClient(options.BlobConnectionString, options.BlobContainer));
            default:
                throw new StartupRefusedException($"BackCare:Storage:Provider '{options.Provider}' is not known. Use Sqlite, Blob or Memory.");
        }
    }

    /// <summary>The turn lock for the store: a Blob lease when instances share a container, else in-process.</summary>
    /// <param name="storage">The store.</param>
    /// <returns>The lock.</returns>
    public static ITurnLock LockFor(IStorage storage)
        => storage is BlobsStorage blobs ? new BlobLeaseTurnLock(blobs.Container) : new InProcessTurnLock();
}
