using JobHome.Actors.Hosting;
using JobHome.Actors.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.Testing;

/// <summary>
/// Builds an in-process silo for tests: grains, options, a storage registration (default: in-memory stores shared
/// across restarts), a <see cref="TimeProvider"/> (e.g. FakeTimeProvider) and extra services.
/// </summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<SiloOptions>> _silo = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private Action<IServiceCollection>? _storage;
    private TimeProvider? _time;

    /// <summary>Registers a grain class for an interface.</summary>
    public TestClusterBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        _silo.Add(o => o.AddGrain<TGrainInterface, TGrain>());
        return this;
    }

    /// <summary>Changes silo options (timeouts, collection age, stream settings).</summary>
    public TestClusterBuilder ConfigureSilo(Action<SiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _silo.Add(configure);
        return this;
    }

    /// <summary>
    /// Sets the storage registration, applied to every host the cluster builds (so a restart reaches the same store),
    /// e.g. <c>s =&gt; s.AddJobHomeSqliteStorage(connectionString)</c>. Default: in-memory stores created once per cluster.
    /// </summary>
    public TestClusterBuilder UseStorage(Action<IServiceCollection> registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _storage = registration;
        return this;
    }

    /// <summary>Sets the silo's clock. Default: the system clock.</summary>
    public TestClusterBuilder UseTimeProvider(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        return this;
    }

    /// <summary>Adds services (applied to every host the cluster builds).</summary>
    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add(configure);
        return this;
    }

    /// <summary>Builds the cluster without starting it.</summary>
    public TestCluster Build()
    {
        var time = _time ?? TimeProvider.System;
        var storage = _storage;
        if (storage is null)
        {
            var grainStorage = new InMemoryGrainStorage();
            var reminders = new InMemoryReminderTable();
            var streams = new InMemoryStreamLog(time);
            storage = s => s.AddJobHomeInMemoryStorage(grainStorage, reminders, streams);
        }

        var silo = _silo.ToArray();
        var services = _services.ToArray();
        return new TestCluster(s =>
        {
            s.AddSingleton(time);
            s.AddJobHomeSilo(o =>
            {
                foreach (var configure in silo)
                {
                    configure(o);
                }
            });
            storage(s);
            foreach (var configure in services)
            {
                configure(s);
            }
        });
    }

    /// <summary>Builds and starts the cluster.</summary>
    public async Task<TestCluster> BuildAndStartAsync(CancellationToken cancellationToken = default)
    {
        var cluster = Build();
        await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        return cluster;
    }
}
