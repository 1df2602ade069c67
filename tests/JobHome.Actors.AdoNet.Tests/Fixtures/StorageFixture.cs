using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Fixtures;

/// <summary>One provider over one database, shared by the tests of a class; tests use unique keys.</summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private ServiceProvider? _main;

    /// <summary>Connection string of the class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public IGrainStorage GrainStorage => Main.GetRequiredService<IGrainStorage>();

    public IReminderTable Reminders => Main.GetRequiredService<IReminderTable>();

    public IStreamLog StreamLog => Main.GetRequiredService<IStreamLog>();

    private ServiceProvider Main => _main ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public abstract Task<string> CreateDatabaseAsync();

    /// <summary>Registers this fixture's provider.</summary>
    public abstract void AddStorage(IServiceCollection services, string connectionString, Action<AdoNetStorageOptions>? configure = null);

    /// <summary>Runs a SQL query returning one integer on the database, outside the providers.</summary>
    public abstract Task<long> QueryScalarAsync(string connectionString, string sql);

    /// <summary>A second, independent provider (own pool, own initializer) over a database; disposed with the fixture.</summary>
    public IServiceProvider CreateProvider(string connectionString)
    {
        var services = new ServiceCollection();
        AddStorage(services, connectionString);
        var provider = services.BuildServiceProvider();
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _main = (ServiceProvider)CreateProvider(ConnectionString);
        foreach (var initializer in _main.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
