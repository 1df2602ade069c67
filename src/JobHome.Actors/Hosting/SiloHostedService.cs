using JobHome.Actors.Dispatch;
using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobHome.Actors.Hosting;

/// <summary>Starts the silo with the host: checks that storage is registered, awaits provider initializers, starts the runtime.</summary>
internal sealed class SiloHostedService(IServiceProvider services, GrainRuntime runtime) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        if (services.GetService<IGrainStorage>() is null)
        {
            missing.Add(nameof(IGrainStorage));
        }

        if (services.GetService<IReminderTable>() is null)
        {
            missing.Add(nameof(IReminderTable));
        }

        if (services.GetService<IStreamLog>() is null)
        {
            missing.Add(nameof(IStreamLog));
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"No JobHome storage provider is registered (missing {string.Join(", ", missing)}). Register one: " +
                "services.AddJobHomeSqliteStorage(connectionString), services.AddJobHomePostgresStorage(connectionString), " +
                "or services.AddJobHomeInMemoryStorage() for unit tests.");
        }

        foreach (var initializer in services.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
