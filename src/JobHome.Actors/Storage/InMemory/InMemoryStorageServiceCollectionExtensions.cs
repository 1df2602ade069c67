using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Storage.InMemory;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // DI registration extensions conventionally live in the DI namespace.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the in-memory providers (unit tests only: nothing survives the process).</summary>
public static class InMemoryStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InMemoryGrainStorage"/>, <see cref="InMemoryReminderTable"/> and <see cref="InMemoryStreamLog"/>
    /// as singletons. Pass existing instances to share one store between hosts (restart tests).
    /// </summary>
    public static IServiceCollection AddJobHomeInMemoryStorage(
        this IServiceCollection services,
        InMemoryGrainStorage? grainStorage = null,
        InMemoryReminderTable? reminders = null,
        InMemoryStreamLog? streams = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IGrainStorage>();
        services.RemoveAll<IReminderTable>();
        services.RemoveAll<IStreamLog>();
        if (grainStorage is null)
        {
            services.AddSingleton<IGrainStorage, InMemoryGrainStorage>();
        }
        else
        {
            services.AddSingleton<IGrainStorage>(grainStorage);
        }

        if (reminders is null)
        {
            services.AddSingleton<IReminderTable, InMemoryReminderTable>();
        }
        else
        {
            services.AddSingleton<IReminderTable>(reminders);
        }

        if (streams is null)
        {
            services.AddSingleton<IStreamLog>(sp => new InMemoryStreamLog(sp.GetService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IStreamLog>(streams);
        }

        return services;
    }
}
