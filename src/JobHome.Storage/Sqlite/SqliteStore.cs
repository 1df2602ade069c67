using System.Collections.Concurrent;
using System.Diagnostics;
using JobHome.Storage.Schema;
using JobHome.Storage.Sqlite.Streams;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// The embedded SQLite file shared by grain state, reminders and the stream queue. Every write goes through one writer
/// loop (SQLite admits one writer at a time): it drains what callers queued meanwhile and commits them in one
/// transaction (group commit), so the cost of a commit is shared by the whole batch; each caller's task completes only
/// after its batch committed. Reads open pooled connections and run beside the writer (WAL).
/// </summary>
internal sealed partial class SqliteStore : IAsyncDisposable, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteStore> _logger;
    private readonly string _connectionString;
    // Connections opened once the file exists (reads): ReadWrite, never Create, so a database file removed under a
    // running silo is an error (readiness says so) instead of a new empty file silently taking the writes.
    private readonly string _existingString;
    private readonly Channel<SqliteWriteOperation> _queue = Channel.CreateUnbounded<SqliteWriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Lock _startLock = new();
    private volatile Task? _start;
    private Task? _writerLoop;
    private SqliteConnection? _writerConnection;
    private long _committedBatches;
    private long _committedOperations;
    // The writer's page cache now (KiB) and the commits since the file's size was last checked (writer loop only).
    private int _writerCacheKib;
    private int _commitsSinceSizeCheck;
    // Commits between checks of the file's size while the writer uses the small file's cache.
    private const int SizeCheckCommits = 256;
    // SQLite's lock-byte page lies at this offset of every database file (PENDING_BYTE, 1 GiB).
    private const long LockByteOffset = 0x40000000;
    // Stream rows handed to a pulling agent and not yet confirmed: false while in flight, true once a consumer's
    // acknowledgement deleted them with its state write (the agent's confirmation then writes nothing for them).
    private readonly ConcurrentDictionary<long, bool> _handedOut = new();
    // Read sessions kept for grain state reads: at most KeptReadSessions, more are closed after their read.
    private const int KeptReadSessions = 8;
    private readonly ConcurrentBag<SqliteReadSession> _readSessions = new();
    private int _keptReadSessions;
    private bool _disposed;

    /// <summary>Creates the store; nothing is opened until <see cref="StartAsync"/> or the first call.</summary>
    public SqliteStore(SqliteStoreOptions options, TimeProvider time, ILogger<SqliteStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("The embedded SQLite store needs a file path (SqliteStoreOptions.Path).", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriterCacheKib, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SmallFileWriterCacheKib, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.WalAutocheckpointPages, nameof(options));
        _options = options;
        _time = time;
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _existingString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
    }

    /// <summary>Transactions the writer loop has committed (each holds one or more callers' writes).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Write operations committed (grain states, reminders, stream queue rows), over all batches.</summary>
    public long CommittedOperations => Interlocked.Read(ref _committedOperations);

    /// <summary>Full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The writer connection's page cache in KiB: <see cref="SqliteStoreOptions.SmallFileWriterCacheKib"/> while the file is
    /// under 1 GiB, <see cref="SqliteStoreOptions.WriterCacheKib"/> from then on. Valid once started.
    /// </summary>
    public int WriterCacheKib => Volatile.Read(ref _writerCacheKib);

    /// <summary>
    /// The highest <c>stream_queue</c> id ever assigned when this store opened the file (AUTOINCREMENT: ids are never
    /// reused), so every row above it was inserted by this process. Valid once started.
    /// </summary>
    public long StreamRowsBefore { get; private set; }

    /// <summary>Microseconds since the Unix epoch, from the injected clock.</summary>
    public long NowMicroseconds => ToMicroseconds(_time.GetUtcNow());

    /// <summary>Converts a time to INTEGER microseconds since the Unix epoch (the schema's timestamp encoding).</summary>
    public static long ToMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// Opens the file (WAL, the configured <c>synchronous</c>), applies the schema and starts the writer loop;
    /// idempotent.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_startLock)
        {
            _start ??= Task.Run(Start, CancellationToken.None);
        }

        return _start.WaitAsync(cancellationToken);
    }

    /// <summary>Queues <paramref name="execute"/> for the next batch; completes after that batch committed.</summary>
    /// <remarks>The token cancels waiting for start-up only: once queued, the write is committed or fails with its batch.</remarks>
    public Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> execute, CancellationToken cancellationToken = default) =>
        WriteAsync(SqliteWriteLabel.Other, execute, committed: null, acknowledgement: null, cancellationToken);

    /// <summary>Queues <paramref name="execute"/>, counted as <paramref name="label"/>; completes after its batch committed.</summary>
    public Task<T> WriteAsync<T>(
        SqliteWriteLabel label,
        Func<SqliteWriteContext, T> execute,
        CancellationToken cancellationToken = default) =>
        WriteAsync(label, execute, committed: null, acknowledgement: null, cancellationToken);

    /// <summary>
    /// Queues <paramref name="execute"/> for the next batch; <paramref name="committed"/> runs on the writer loop right
    /// after that batch committed, before the caller's task completes; it must be short and must not throw (a
    /// signal: the writer waits for it). <paramref name="acknowledgement"/>: a state write's part in a consumer's stream
    /// acknowledgement (joined here, right before the write is queued, so parts join in queue order).
    /// </summary>
    /// <remarks>The token cancels waiting for start-up only: once queued, the write is committed or fails with its batch.</remarks>
    public Task<T> WriteAsync<T>(
        SqliteWriteLabel label,
        Func<SqliteWriteContext, T> execute,
        Action? committed,
        SqliteAckPart? acknowledgement,
        CancellationToken cancellationToken = default)
    {
        // Once started (every write but the first few), the caller awaits the operation's own task: no state machine here.
        return _start is { IsCompletedSuccessfully: true }
            ? Enqueue(label, execute, committed, acknowledgement)
            : StartThenWriteAsync(label, execute, committed, acknowledgement, cancellationToken);
    }

    private async Task<T> StartThenWriteAsync<T>(
        SqliteWriteLabel label,
        Func<SqliteWriteContext, T> execute,
        Action? committed,
        SqliteAckPart? acknowledgement,
        CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        return await Enqueue(label, execute, committed, acknowledgement).ConfigureAwait(false);
    }

    private Task<T> Enqueue<T>(SqliteWriteLabel label, Func<SqliteWriteContext, T> execute, Action? committed,
        SqliteAckPart? acknowledgement)
    {
        var operation = new SqliteWriteOperation<T>(label, execute, committed, acknowledgement, Stopwatch.GetTimestamp());
        acknowledgement?.Queued();
        if (!_queue.Writer.TryWrite(operation))
        {
            acknowledgement?.Failed();
            return Task.FromException<T>(
                new ObjectDisposedException(nameof(SqliteStore), $"The embedded store '{FilePath}' is shut down."));
        }

        return operation.Task;
    }

    /// <summary>A receiver hands the row to its pulling agent (a consumer's acknowledgement may then delete it).</summary>
    internal void HandedOut(long id) => _handedOut[id] = false;

    /// <summary>
    /// The agent confirms the row: forgotten here; true when a consumer's acknowledgement already deleted it (nothing to
    /// write).
    /// </summary>
    internal bool Confirmed(long id) => _handedOut.TryRemove(id, out var acknowledged) && acknowledged;

    /// <summary>The row left the agent's hands otherwise (dead-lettered, put back under a new id).</summary>
    internal void Forget(long id) => _handedOut.TryRemove(id, out _);

    /// <summary>Rows handed out and not yet confirmed (tests: nothing is kept once confirmed).</summary>
    internal int HandedOutCount => _handedOut.Count;

    /// <summary>
    /// Inside a batch transaction: deletes those of <paramref name="ids"/> a receiver handed out and nobody deleted yet
    /// (never a row this store did not read: a consumer on another provider's tokens deletes nothing); returns how many.
    /// </summary>
    internal int DeleteAcknowledged(SqliteWriteContext context, IReadOnlyList<long> ids)
    {
        var deleted = 0;
        foreach (var id in ids)
        {
            if (_handedOut.TryGetValue(id, out var acknowledged) && !acknowledged)
            {
                SqliteStreamQueue.Delete(context, id);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>After the commit that deleted them: the agent's confirmation of these rows writes nothing.</summary>
    internal void MarkAcknowledged(IReadOnlyList<long> ids)
    {
        foreach (var id in ids)
        {
            _handedOut.TryUpdate(id, true, false);
        }
    }

    /// <summary>
    /// A kept read session (its connection open, its statements prepared), or null when none is free: then
    /// <see cref="OpenReadSessionAsync"/>. Give it back with <see cref="ReturnRead"/> after a successful read.
    /// </summary>
    internal SqliteReadSession? RentRead()
    {
        if (!_readSessions.TryTake(out var session))
        {
            return null;
        }

        Interlocked.Decrement(ref _keptReadSessions);
        return session;
    }

    /// <summary>A new read session on a new connection.</summary>
    internal async Task<SqliteReadSession> OpenReadSessionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The session's statements step SQLite directly, without the command's retries on a busy file: SQLite waits
            // itself, as long as a command would have.
            using var command = connection.CreateCommand();
            command.CommandText = FormattableString.Invariant(
                $"PRAGMA busy_timeout = {(long)Math.Max(1, Math.Ceiling(_options.BusyTimeout.TotalSeconds)) * 1000}");
            command.ExecuteNonQuery();
            return new SqliteReadSession(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Keeps <paramref name="session"/> for the next reader (its statements reset), or closes it when enough are kept or
    /// the store is shut down. A read that failed disposes its session instead.
    /// </summary>
    internal void ReturnRead(SqliteReadSession session)
    {
        if (Volatile.Read(ref _disposed) || Interlocked.Increment(ref _keptReadSessions) > KeptReadSessions)
        {
            if (!Volatile.Read(ref _disposed))
            {
                Interlocked.Decrement(ref _keptReadSessions);
            }

            session.Dispose();
            return;
        }

        _readSessions.Add(session);
        if (Volatile.Read(ref _disposed))
        {
            // Shut down meanwhile: the dispose may have emptied the bag before this session went in.
            DisposeReadSessions();
        }
    }

    /// <summary>Opens a pooled connection for reading; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_existingString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        // Open the file before grains, reminders and streams start, so a bad path fails the silo's start.
        lifecycle.Subscribe(nameof(SqliteStore), ServiceLifecycleStage.RuntimeInitialize, StartAsync, _ => Task.CompletedTask);

    /// <summary>Stops taking writes, commits what is queued and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        DisposeReadSessions();
        _queue.Writer.TryComplete();
        if (_writerLoop is not null)
        {
            await _writerLoop.ConfigureAwait(false);
        }

        if (_writerConnection is not null)
        {
            await _writerConnection.DisposeAsync().ConfigureAwait(false);
            SqliteConnection.ClearPool(_writerConnection);
        }
    }

    private void DisposeReadSessions()
    {
        while (_readSessions.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private void Start()
    {
        var directory = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                // WAL is a property of the file and stays set; synchronous is per connection, and only the writer
                // connection commits, so setting it here governs every commit.
                command.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)command.ExecuteScalar();
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"The embedded database '{FilePath}' could not be switched to WAL mode (journal mode is '{mode}').");
                }

                command.CommandText = _options.Synchronous == SqliteSynchronous.Full
                    ? "PRAGMA synchronous = FULL"
                    : "PRAGMA synchronous = NORMAL";
                command.ExecuteNonQuery();

                // Bulk loads saturate the one writer, and most of its time went to commits that also checkpointed (every
                // 1,000 WAL pages by default, each a random write plus a sync of the file) and to re-reading B-tree pages
                // its 2 MB cache could not hold. A longer WAL writes a page changed by many commits once per checkpoint; a
                // larger cache keeps the trees' upper levels, once the file is large enough not to pay for it at every
                // commit (SizeWriterCache; measurements: docs/storage.md).
                command.CommandText = FormattableString.Invariant($"PRAGMA wal_autocheckpoint = {_options.WalAutocheckpointPages}");
                command.ExecuteNonQuery();
            }

            // The silo's start-up check has normally migrated the file already; this makes the store safe on its own.
            SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Sqlite)
                .MigrateAsync(connection, CancellationToken.None)
                .GetAwaiter()
                .GetResult();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        using (var sequence = connection.CreateCommand())
        {
            sequence.CommandText = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'stream_queue'), 0)";
            StreamRowsBefore = Convert.ToInt64(sequence.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        SizeWriterCache(connection);
        _writerConnection = connection;
        _writerLoop = Task.Run(WriterLoopAsync);
        LogOpened(_logger, FilePath, _options.Synchronous);
    }

    private async Task WriterLoopAsync()
    {
        var context = new SqliteWriteContext(_writerConnection!);
        var batch = new List<SqliteWriteOperation>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var operation))
                {
                    batch.Add(operation);
                }

                CommitBatch(context, batch);
                batch.Clear();
            }
        }
        finally
        {
            context.DisposeCommands();
        }
    }

    private void CommitBatch(SqliteWriteContext context, List<SqliteWriteOperation> batch)
    {
        // An operation that throws rolls the whole transaction back; it alone fails and the rest run again in a new
        // transaction, so no caller sees another's partial writes. Expected outcomes (a stale ETag) are results, not throws.
        while (batch.Count > 0)
        {
            SqliteTransaction? transaction = null;
            var failed = -1;
            Exception? failure = null;
            try
            {
                var started = Stopwatch.GetTimestamp();
                transaction = _writerConnection!.BeginTransaction(deferred: false);
                context.Transaction = transaction;
                context.NowMicroseconds = NowMicroseconds;
                for (var i = 0; i < batch.Count; i++)
                {
                    try
                    {
                        batch[i].Execute(context);
                    }
                    catch (Exception e)
                    {
                        failed = i;
                        failure = e;
                        break;
                    }
                }

                if (failed < 0)
                {
                    transaction.Commit();
                    var committedAt = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _committedBatches);
                    Interlocked.Add(ref _committedOperations, batch.Count);
                    SqliteMetrics.RecordBatch(started, committedAt);
                    foreach (var operation in batch)
                    {
                        SqliteMetrics.RecordWriteWait(operation.QueuedAt, committedAt);
                        SqliteMetrics.RecordWrite(operation.Label);
                        operation.Complete();
                    }

                    CheckFileSize();
                    return;
                }

                transaction.Rollback();
            }
            catch (Exception e)
            {
                // Begin, commit or rollback failed (disk full, I/O error, file locked past the busy timeout): nothing of
                // the batch is known to be durable, so every caller gets the error.
                LogBatchFailed(_logger, e, FilePath, batch.Count);
                foreach (var operation in batch)
                {
                    operation.Fail(e);
                }

                return;
            }
            finally
            {
                context.Transaction = null;
                transaction?.Dispose();
            }

            LogOperationFailed(_logger, failure, FilePath);
            batch[failed].Fail(failure!);
            batch.RemoveAt(failed);
        }
    }

    // Every SizeCheckCommits commits while the writer has the small file's cache: the file may have reached 1 GiB. The
    // batch is committed and answered by now, so a failure here only leaves the cache as it is (and is logged).
    private void CheckFileSize()
    {
        if (_writerCacheKib == _options.WriterCacheKib || ++_commitsSinceSizeCheck < SizeCheckCommits)
        {
            return;
        }

        _commitsSinceSizeCheck = 0;
        try
        {
            SizeWriterCache(_writerConnection!);
        }
        catch (SqliteException e)
        {
            LogWriterCacheFailed(_logger, e, FilePath);
        }
    }

    // Sets the writer's page cache for the file's size. Under 1 GiB, a commit whose transaction split a B-tree page out of
    // order trims the cache back to the file's size by walking all of it: SQLite moves the new pages through the lock-byte
    // page's number (1 GiB / page size + 1), which lies beyond such a file (docs/storage.md). So a small cache there; the
    // configured one once the file holds that page (files do not shrink without VACUUM, so the check then stops).
    private void SizeWriterCache(SqliteConnection connection)
    {
        long pages;
        long pageSize;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA page_count";
            pages = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = "PRAGMA page_size";
            pageSize = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var large = pages > LockByteOffset / pageSize;
        var kib = large ? _options.WriterCacheKib : Math.Min(_options.SmallFileWriterCacheKib, _options.WriterCacheKib);
        if (kib == _writerCacheKib)
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = FormattableString.Invariant($"PRAGMA cache_size = -{kib}");
            command.ExecuteNonQuery();
        }

        Volatile.Write(ref _writerCacheKib, kib);
        LogWriterCache(_logger, FilePath, kib, pages * pageSize / (1024 * 1024));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded store {Path}: the file's size could not be read; the writer's cache stays as it is")]
    private static partial void LogWriterCacheFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded store {Path}: writer cache {Kib} KiB (file {Mib} MiB)")]
    private static partial void LogWriterCache(ILogger logger, string path, int kib, long mib);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded store opened: {Path} (WAL, synchronous={Synchronous})")]
    private static partial void LogOpened(ILogger logger, string path, SqliteSynchronous synchronous);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write batch of {Count} on {Path} failed; every write in it fails")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write on {Path} failed; the rest of its batch is retried without it")]
    private static partial void LogOperationFailed(ILogger logger, Exception? exception, string path);
}
