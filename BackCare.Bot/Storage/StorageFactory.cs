using BackCare.Bot.Hosting;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Storage;

/// <summary>Creates the state store named in configuration.</summary>
public static class StorageFactory
{
    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <param name="environment">The host environment, for relative folders.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">The provider is unknown or its settings are incomplete.</exception>
    public static IStorage Create(StorageOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return options.Provider.ToLowerInvariant() switch
        {
            "memory" => new MemoryStorage(),
            "sqlite" => new SqliteStorage(Path.Combine(Path.GetFullPath(options.DataFolder, environment.ContentRootPath), "backcare-state.db")),
            _ => throw new InvalidOperationException($"Unknown storage provider '{options.Provider}'. Use Sqlite, Blob or Memory."),
        };
    }
}
