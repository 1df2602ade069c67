using System.Collections.Concurrent;
using JobHome.Storage.Streams;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// One silo's LISTEN connection for the stream queues of one database: every <c>pg_notify</c> the queue statements send
/// at commit (schema 0008: payload <c>provider:queue</c>) bumps that queue's <see cref="QueueSignal"/>, which wakes its
/// receiver. The connection is dedicated (not pooled) and idle apart from keepalives; when it drops, every queue is
/// signalled (notifications sent meanwhile are lost) and it is opened again after <see cref="ReconnectDelay"/>.
/// </summary>
internal sealed partial class PostgresStreamNotifications : IAsyncDisposable
{
    /// <summary>The channel the queue statements notify on.</summary>
    public const string Channel = "jobhome_stream";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, QueueSignal> _queues = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private long _received;
    private long _failures;
    private int _disposed;

    /// <summary>
    /// Creates the listener of the database <paramref name="connectionString"/> names; nothing opens until <see cref="Start"/>.
    /// </summary>
    public PostgresStreamNotifications(string connectionString, TimeProvider time, ILogger<PostgresStreamNotifications> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Its own physical connection: a pooled one would be shared with queries and lose the LISTEN on reset.
            Pooling = false,
            // WaitAsync sends these, so a silently dead connection is noticed and reopened.
            KeepAlive = 15,
            ApplicationName = "jobhome-stream-listen",
        }.ConnectionString;
        _time = time;
        _logger = logger;
    }

    /// <summary>Pause before opening the connection again after it failed. Default: 1 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Notifications received so far (tests, logs).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Times the connection failed or dropped so far (tests, logs).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Completes when the connection listens (again after a reconnect: the task of the current attempt).</summary>
    public Task Listening
    {
        get
        {
            lock (_lock)
            {
                return _listening.Task;
            }
        }
    }

    /// <summary>The signal of queue <paramref name="queueId"/> of provider <paramref name="provider"/> (created on first use).</summary>
    public QueueSignal For(string provider, string queueId) =>
        _queues.GetOrAdd(Key(provider, queueId), static _ => new QueueSignal());

    /// <summary>Starts listening in the background (once; later calls do nothing).</summary>
    public void Start()
    {
        lock (_lock)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Closes the connection and ends the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? loop;
        lock (_lock)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static string Key(string provider, string queueId) => $"{provider}:{queueId}";

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(_logger, e, ReconnectDelay);
                try
                {
                    // Counted once the delay is armed, so a test that sees the count can move its clock past it.
                    var delay = Task.Delay(ReconnectDelay, _time, cancellationToken);
                    Interlocked.Increment(ref _failures);
                    await delay.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        connection.Notification += (_, e) =>
        {
            Interlocked.Increment(ref _received);
            if (_queues.TryGetValue(e.Payload, out var signal))
            {
                signal.Notify();
            }
        };
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Rows committed while nobody listened announced nothing: every receiver reads once.
        foreach (var signal in _queues.Values)
        {
            signal.Notify();
        }

        TaskCompletionSource listening;
        lock (_lock)
        {
            listening = _listening;
        }

        listening.TrySetResult();
        try
        {
            while (true)
            {
                await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_listening.Task.IsCompleted)
                {
                    _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The stream queues' LISTEN connection failed; receivers fall back to their idle poll until it is open again "
            + "(next try in {Delay})")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, TimeSpan delay);
}
