using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// Wraps Orleans' ADO.NET queue adapter factory so that its receivers wait for NOTIFY instead of being polled; cache,
/// mapper and failure handler are the inner factory's. One LISTEN connection per factory (per provider and silo).
/// </summary>
internal sealed class NotifiedQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly IQueueAdapterFactory _inner;
    private readonly PostgresStreamWakeUpOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Wraps <paramref name="inner"/>, listening on the database <paramref name="connectionString"/> names.</summary>
    public NotifiedQueueAdapterFactory(
        IQueueAdapterFactory inner,
        string connectionString,
        PostgresStreamWakeUpOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IdleWait, TimeSpan.Zero, nameof(options));
        _inner = inner;
        _options = options;
        _time = time;
        Notifications = new PostgresStreamNotifications(connectionString, time, loggerFactory.CreateLogger<PostgresStreamNotifications>())
        {
            ReconnectDelay = options.ReconnectDelay,
        };
    }

    /// <summary>The LISTEN connection the receivers are woken from.</summary>
    internal PostgresStreamNotifications Notifications { get; }

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    /// <summary>Creates the inner adapter and wraps it.</summary>
    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        new NotifiedQueueAdapter(await _inner.CreateAdapter(cancellationToken).ConfigureAwait(false), Notifications, _options, _time);

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _inner.GetQueueAdapterCache();

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _inner.GetStreamQueueMapper();

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => _inner.GetDeliveryFailureHandler(queueId);

    /// <summary>Closes the LISTEN connection.</summary>
    public ValueTask DisposeAsync() => Notifications.DisposeAsync();
}
