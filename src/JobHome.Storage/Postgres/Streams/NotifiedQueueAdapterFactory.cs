using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// Wraps Orleans' ADO.NET queue adapter factory so that its receivers wait for NOTIFY instead of being polled, and so
/// that a delivery given up unanswered is taken back instead of counted (<see cref="PostgresStreamFailureHandler"/>, when
/// built with the silo's <see cref="PostgresDeliveryOutcomes"/>); cache and mapper are the inner factory's. One LISTEN
/// connection per factory (per provider and silo).
/// </summary>
internal sealed class NotifiedQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly IQueueAdapterFactory _inner;
    private readonly PostgresStreamWakeUpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly PostgresDeliveryOutcomes? _outcomes;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly PostgresStreamStatements? _statements;

    /// <summary>
    /// Wraps <paramref name="inner"/>, listening on the database <paramref name="connectionString"/> names. With
    /// <paramref name="failures"/> (the silo's delivery outcomes and the provider's service id, attempt limit and
    /// dead-letter retention) its failure handler takes back deliveries given up unanswered; without, it is the inner one.
    /// </summary>
    public NotifiedQueueAdapterFactory(
        IQueueAdapterFactory inner,
        string connectionString,
        PostgresStreamWakeUpOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        PostgresFailureHandling? failures = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IdleWait, TimeSpan.Zero, nameof(options));
        _inner = inner;
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory;
        if (failures is not null)
        {
            _outcomes = failures.Outcomes;
            _dataSource = NpgsqlDataSource.Create(connectionString);
            _statements = new PostgresStreamStatements(
                _dataSource, failures.ServiceId, failures.MaxAttempts, (int)Math.Ceiling(failures.DeadLetterRetention.TotalSeconds));
        }

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

    /// <summary>
    /// The inner factory's failure handler, wrapped (when built with the delivery outcomes) so that a delivery given up
    /// unanswered is taken back and one the consumer threw on is dead-lettered with the reason.
    /// </summary>
    public async Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId)
    {
        var inner = await _inner.GetDeliveryFailureHandler(queueId).ConfigureAwait(false);
        return _outcomes is null || _statements is null
            ? inner
            : new PostgresStreamFailureHandler(inner, _outcomes, _statements, _inner.GetStreamQueueMapper(),
                _loggerFactory.CreateLogger<PostgresStreamFailureHandler>());
    }

    /// <summary>Closes the LISTEN connection and the failure handler's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Notifications.DisposeAsync().ConfigureAwait(false);
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
