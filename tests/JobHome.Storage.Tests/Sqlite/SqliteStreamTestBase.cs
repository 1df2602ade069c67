using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// What the SQLite stream queue tests share: a fresh database file and one process on it — the store, the stream
/// provider's queues and adapter, and the grain storage that takes a publisher's outbox, wired as a silo wires them.
/// <see cref="ReopenAsync"/> disposes the store without any confirmation (a silo killed there) and opens the next
/// process on the same file.
/// </summary>
public abstract class SqliteStreamTestBase(SqliteStreamOptions options) : IAsyncLifetime
{
    /// <summary>The stream provider's name.</summary>
    protected const string Provider = "jobhome";

    /// <summary>The queues' options.</summary>
    protected SqliteStreamOptions Options => options;

    /// <summary>The database file.</summary>
    internal SqliteTestFile Database { get; } = new();

    /// <summary>The current process's store.</summary>
    internal SqliteStore Store { get; private set; } = null!;

    /// <summary>The provider's queues (mapping and receivers' signals), shared by the adapter and the grain storage.</summary>
    internal SqliteStreamQueues Queues { get; private set; } = null!;

    /// <summary>The provider's queue adapter factory.</summary>
    internal SqliteQueueAdapterFactory Factory { get; private set; } = null!;

    /// <summary>The provider's queue adapter.</summary>
    internal IQueueAdapter Adapter { get; private set; } = null!;

    /// <summary>The grain storage of the process.</summary>
    internal IGrainStorage Storage { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => await OpenAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Database.Dispose();
    }

    /// <summary>The process "killed" (its store disposed, nothing confirmed) and the next one opened on the file.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        await OpenAsync();
    }

    /// <summary>Writes a counter grain's state (no ETag: a first write, or a blind one).</summary>
    protected Task WriteAsync(int grain, int value) =>
        Storage.WriteStateAsync("counter", Grain(grain), new TestGrainState<CounterState> { State = { Value = value } });

    /// <summary>Reads a counter grain's stored value.</summary>
    protected async Task<long> ReadValueAsync(int grain)
    {
        var state = new TestGrainState<CounterState>();
        await Storage.ReadStateAsync("counter", Grain(grain), state);
        return state.State.Value;
    }

    /// <summary>A receiver of the only queue (the tests with one queue).</summary>
    protected IQueueAdapterReceiver NewReceiver() => Adapter.CreateReceiver(Factory.GetStreamQueueMapper().GetAllQueues().Single());

    /// <summary>Every message <paramref name="receiver"/> hands out now, in order.</summary>
    protected static Task<List<IBatchContainer>> ReadAllAsync(IQueueAdapterReceiver receiver) => TestQueues.ReadAllAsync(receiver);

    /// <summary>A counter grain's id.</summary>
    protected static GrainId Grain(int i) => GrainId.Create("counter", "g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A stream of the tests' namespace.</summary>
    protected static StreamId Stream(string key) => StreamId.Create("ns", key);

    // The store, provider and grain storage of one process on the file, sharing the provider's queues as a silo does.
    private async Task OpenAsync()
    {
        Store = Database.OpenStore();
        await Store.StartAsync();
        var providers = new SqliteStreamProviders(TestQueues.Serializer, TestQueues.Copier);
        Queues = providers.Add(Provider, options);
        Storage = new SqliteGrainStorage("Default", Store, TestStorageSerializer.Value, providers);
        Factory = new SqliteQueueAdapterFactory(Provider, options, Store, TestQueues.Serializer, NullLoggerFactory.Instance,
            queues: Queues);
        Adapter = await Factory.CreateAdapter(CancellationToken.None);
    }
}
