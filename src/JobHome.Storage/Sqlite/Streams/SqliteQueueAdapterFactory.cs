using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Orleans' persistent-stream factory for the SQLite queue: adapter, per-queue receivers, caches that report the rows
/// of given-up deliveries to the receivers (<see cref="SqliteRedeliveries"/>), the in-process wake-ups of the receivers
/// (<see cref="SqliteQueueSignals"/>), mapper, dead-lettering.
/// </summary>
internal sealed class SqliteQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly SqliteStore _store;
    private readonly SqliteStreamOptions _options;
    private readonly Serializer<SqliteBatchContainer> _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SqliteStreamQueues _queues;
    private readonly SqliteRedeliveries _redeliveries = new();
    private readonly TimeProvider _time;
    private readonly SqliteQueueAdapterCache _cache;
    private readonly SqliteStreamFailureHandler _failureHandler;

    /// <summary>
    /// Creates the factory of provider <paramref name="name"/>; <paramref name="queues"/>: its mapping and signals when
    /// shared with the state writes that carry events (<see cref="SqliteStreamProviders"/>), else its own;
    /// <paramref name="outcomes"/>: the silo's observer that tells a consumer's own failure from an unanswered delivery
    /// (without it every given-up delivery dead-letters its first row).
    /// </summary>
    public SqliteQueueAdapterFactory(
        string name,
        SqliteStreamOptions options,
        SqliteStore store,
        Serializer<SqliteBatchContainer> serializer,
        ILoggerFactory loggerFactory,
        TimeProvider? time = null,
        SqliteStreamQueues? queues = null,
        SqliteDeliveryOutcomes? outcomes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCount, 1, nameof(options));
        if (options.MaxAttempts < 2)
        {
            // The enqueue counts a row's first read in advance (docs/embedded.md), so a row whose process died before that
            // read carries one count it never had: with 1 it would be dead-lettered undelivered.
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts,
                "SqliteStreamOptions.MaxAttempts must be at least 2 (the enqueue counts the first read in advance).");
        }
        _name = name;
        _store = store;
        _options = options;
        _serializer = serializer;
        _loggerFactory = loggerFactory;
        _time = time ?? TimeProvider.System;
        _queues = queues ?? new SqliteStreamQueues(name, options);
        _cache = new SqliteQueueAdapterCache(name, options.CacheSize, _redeliveries, loggerFactory);
        _failureHandler = new SqliteStreamFailureHandler(
            store, outcomes, _redeliveries, loggerFactory.CreateLogger<SqliteStreamFailureHandler>());
    }

    /// <summary>Creates the factory from the silo's services (the delegate <c>AddPersistentStreams</c> takes).</summary>
    public static SqliteQueueAdapterFactory Create(IServiceProvider services, string name, SqliteStreamOptions options) =>
        new(
            name,
            options,
            services.GetRequiredService<SqliteStore>(),
            services.GetRequiredService<Serializer<SqliteBatchContainer>>(),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<TimeProvider>(),
            services.GetService<SqliteStreamProviders>()?.Add(name, options),
            services.GetService<SqliteDeliveryOutcomes>());

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    /// <summary>Opens the store and returns the adapter.</summary>
    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        await _store.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SqliteQueueAdapter(_name, _store, _options, _queues, _serializer, CreateReceiver);
    }

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _queues.Mapper;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(_failureHandler);

    private SqliteQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new(
            _name,
            queueId,
            _store,
            _options,
            _redeliveries,
            _queues.Signals.For((int)queueId.GetNumericId()),
            _time,
            _serializer,
            _loggerFactory.CreateLogger<SqliteQueueAdapterReceiver>());
}
