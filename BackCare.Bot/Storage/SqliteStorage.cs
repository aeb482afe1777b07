using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;

namespace BackCare.Bot.Storage;

/// <summary>
/// Bot state in a SQLite file: the default store, so a restart loses no conversation. Items are JSON with
/// type names (see <see cref="StateJson"/>); an <see cref="IStoreItem"/> written with a stale ETag is refused,
/// and "*" (or no ETag) overwrites. Deleted rows are overwritten (<c>secure_delete</c>), and after a deletion
/// the write-ahead log is checkpointed and truncated, so deleted answers stay neither in free pages nor in the WAL.
/// Access pattern: pooled connections, each set up once (busy timeout, secure_delete, synchronous); writes from this process go one at a time through an async gate (SQLite
/// has one writer at a time anyway: waiting here costs nothing, where its busy handler sleeps and retries), with
/// the JSON written before the gate; WAL with synchronous=NORMAL, so a commit survives the process crashing or
/// restarting (only a power cut or an OS crash can lose the last commits), without an fsync per turn.
/// A document this process wrote through <see cref="IStateDocuments"/> is remembered with the ETag it was written
/// under (see <see cref="WrittenDocuments"/>): a read that finds that ETag still stored, and the stored bytes equal
/// to that text's, hands back the same string rather than decoding the row into a new one.
/// </summary>
public sealed class SqliteStorage : IStorage, IStateDocuments, IStatePurge, IDisposable
{
    private const string Upsert = """
        INSERT INTO state (key, etag, json, updated_utc) VALUES ($key, $etag, $json, $now)
        ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, json = excluded.json, updated_utc = excluded.updated_utc
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Hosting.IdleInstances<Session> _sessions;
    private readonly WrittenDocuments _written = new();

    /// <summary>Initializes a new instance of the <see cref="SqliteStorage"/> class, creating the file and table when needed.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="clock">The clock, for last-write times.</param>
    public SqliteStorage(string databasePath, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _clock = clock ?? TimeProvider.System;
        _sessions = new(Math.Clamp(2 * Environment.ProcessorCount, 4, 32), () => new Session(Open()));

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS state (
                key TEXT PRIMARY KEY NOT NULL,
                etag TEXT NOT NULL,
                json TEXT NOT NULL,
                updated_utc INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS state_updated ON state (updated_utc);
            """;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>();
        if (keys.Length == 0)
        {
            return items;
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, etag, json FROM state WHERE key IN ({Parameters(command, keys)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = UnreadableStateException.Read(reader.GetString(0), reader.GetString(2));
            if (value is null)
            {
                continue;
            }

            if (value is IStoreItem item)
            {
                item.ETag = reader.GetString(1);
            }

            items[reader.GetString(0)] = value;
        }

        return items;
    }

    /// <inheritdoc/>
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var rows = new List<(string Key, object Value, string Json)>(changes.Count);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(changes));
            rows.Add((key, value, StateJson.Serialize(value)));
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            var written = new List<(IStoreItem Item, string ETag)>();
            foreach (var (key, value, json) in rows)
            {
                if (value is IStoreItem { ETag: { Length: > 0 } expected } && expected != "*")
                {
                    await using var check = connection.CreateCommand();
                    check.Transaction = transaction;
                    check.CommandText = "SELECT etag FROM state WHERE key = $key";
                    check.Parameters.AddWithValue("$key", key);
                    if (await check.ExecuteScalarAsync(cancellationToken) is string current && current != expected)
                    {
                        throw new ETagConflictException(key);
                    }
                }

                var etag = await UpsertAsync(transaction, key, json, now, cancellationToken);
                if (value is IStoreItem item)
                {
                    written.Add((item, etag));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            _written.Forget(changes.Keys);

            // The new ETags only once they are stored: a refused write leaves the items as they were.
            foreach (var (item, etag) in written)
            {
                item.ETag = etag;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var documents = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return documents;
        }

        if (keys.Count <= Session.MaxKeys)
        {
            // A turn's documents (one, or the three it reads ahead): through a statement prepared on a connection
            // kept open.
            var session = RentSession();
            try
            {
                var read = session.Reads[keys.Count - 1];
                for (var i = 0; i < keys.Count; i++)
                {
                    read.Parameters[i].Value = keys[i];
                }

                using var rows = read.ExecuteReader();
                while (rows.Read())
                {
                    var key = rows.GetString(1);
                    documents[key] = _written.Find(key, rows.GetString(2)) is { } written && StoredAs(rows, 3, written) ? written : rows.GetString(3);
                }
            }
            finally
            {
                ReturnSession(session);
            }

            return documents;
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, json FROM state WHERE key IN ({Parameters(command, [.. keys])})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents[reader.GetString(0)] = reader.GetString(1);
        }

        return documents;
    }

    /// <inheritdoc/>
    public async Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        await EnterWriteGateAsync(cancellationToken);
        try
        {
            if (documents.Count == 1)
            {
                // One statement is a transaction of its own: no BEGIN and COMMIT around it.
                var (key, json) = documents.First();
                var session = RentSession();
                try
                {
                    var etag = Guid.NewGuid().ToString("N");
                    session.UpsertKey.Value = key;
                    session.UpsertETag.Value = etag;
                    session.UpsertJson.Value = json;
                    session.UpsertNow.Value = _clock.GetUtcNow().ToUnixTimeMilliseconds();
                    session.Upsert.ExecuteNonQuery();
                    _written.Remember(key, etag, json);
                }
                finally
                {
                    ReturnSession(session);
                }

                return;
            }

            await using var connection = Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            var written = new List<(string Key, string ETag, string Json)>(documents.Count);
            foreach (var (key, json) in documents)
            {
                var etag = await UpsertAsync(transaction, key, json, now, cancellationToken);
                written.Add((key, etag, json));
            }

            await transaction.CommitAsync(cancellationToken);
            foreach (var (key, etag, json) in written)
            {
                _written.Remember(key, etag, json);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM state WHERE key IN ({Parameters(command, keys)})";
            await command.ExecuteNonQueryAsync(cancellationToken);
            _written.Forget(keys);
            await CheckpointAsync(connection, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM state WHERE updated_utc < $cutoff";
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            if (deleted > 0)
            {
                _written.Clear();
                await CheckpointAsync(connection, cancellationToken);
            }

            return deleted;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Copies the WAL into the database and truncates it to nothing, so the old versions of deleted rows it held
    /// are gone. A reader in the middle of a read can hold it up: then it is tried again, a few times.
    /// </summary>
    private static async Task CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sessions.Close();
        _writeGate.Dispose();
    }

    /// <summary>The write gate, without the cost of an asynchronous wait when nobody holds it.</summary>
    /// <summary>Writes one row in a transaction, under a new ETag.</summary>
    /// <returns>The ETag.</returns>
    private static async Task<string> UpsertAsync(SqliteTransaction transaction, string key, string json, long now, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var upsert = transaction.Connection!.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = Upsert;
        upsert.Parameters.AddWithValue("$key", key);
        upsert.Parameters.AddWithValue("$etag", etag);
        upsert.Parameters.AddWithValue("$json", json);
        upsert.Parameters.AddWithValue("$now", now);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    private Task EnterWriteGateAsync(CancellationToken cancellationToken)
        => _writeGate.Wait(0, CancellationToken.None) ? Task.CompletedTask : _writeGate.WaitAsync(cancellationToken);

    /// <summary>
    /// Whether the row's text is exactly this text: compared as UTF-8, read from the row through the rowid the query
    /// selects (an incremental blob read into a rented buffer), without decoding it into a new string.
    /// </summary>
    private static bool StoredAs(SqliteDataReader row, int column, string text)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(text);
        using var stored = row.GetStream(column);
        if (stored.Length != length)
        {
            return false;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(2 * length);
        try
        {
            var mine = buffer.AsSpan(0, length);
            System.Text.Encoding.UTF8.GetBytes(text, mine);
            var theirs = buffer.AsSpan(length, length);
            stored.ReadExactly(theirs);
            return mine.SequenceEqual(theirs);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Session RentSession() => _sessions.Rent();

    private void ReturnSession(Session session) => _sessions.Return(session);

    private static string Parameters(SqliteCommand command, string[] keys)
    {
        var names = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            names[i] = $"$k{i}";
            command.Parameters.AddWithValue(names[i], keys[i]);
        }

        return string.Join(", ", names);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // The pool hands back the same native connection again and again: its settings are made once, when it is new.
        if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
            Configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }

    /// <summary>
    /// A connection kept open with the turn's two statements prepared on it (a turn reads one document and writes
    /// one): preparing a statement and taking a connection from the pool cost more than running them. One caller
    /// at a time; a few are kept (see <see cref="RentSession"/>).
    /// </summary>
    private sealed class Session : IDisposable
    {
        /// <summary>The most keys read by a prepared statement.</summary>
        public const int MaxKeys = 3;

        public Session(SqliteConnection connection)
        {
            Connection = connection;
            Reads = new SqliteCommand[MaxKeys];
            for (var count = 1; count <= MaxKeys; count++)
            {
                var read = connection.CreateCommand();
                read.CommandText = $"SELECT rowid, key, etag, json FROM state WHERE key IN ({string.Join(", ", Enumerable.Range(0, count).Select(i => $"$k{i}"))})";
                for (var i = 0; i < count; i++)
                {
                    read.Parameters.Add($"$k{i}", SqliteType.Text);
                }

                read.Prepare();
                Reads[count - 1] = read;
            }

            Upsert = connection.CreateCommand();
            Upsert.CommandText = SqliteStorage.Upsert;
            UpsertKey = Upsert.Parameters.Add("$key", SqliteType.Text);
            UpsertETag = Upsert.Parameters.Add("$etag", SqliteType.Text);
            UpsertJson = Upsert.Parameters.Add("$json", SqliteType.Text);
            UpsertNow = Upsert.Parameters.Add("$now", SqliteType.Integer);
            Upsert.Prepare();
        }

        public SqliteConnection Connection { get; }

        /// <summary>Gets the reads of one, two and three keys.</summary>
        public SqliteCommand[] Reads { get; }

        public SqliteCommand Upsert { get; }

        public SqliteParameter UpsertKey { get; }

        public SqliteParameter UpsertETag { get; }

        public SqliteParameter UpsertJson { get; }

        public SqliteParameter UpsertNow { get; }

        public void Dispose()
        {
            foreach (var read in Reads)
            {
                read.Dispose();
            }

            Upsert.Dispose();
            Connection.Dispose();
        }
    }

    /// <summary>The native connections whose settings are made (forgotten with them).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
}
