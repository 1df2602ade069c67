using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>A silo hosting <see cref="AggregatorGrain"/> on the given store, running until killed.</summary>
public static class SiloHost
{
    public static async Task RunAsync(string provider, string connectionString, int maxAttempts)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddJobHomeSilo(o =>
        {
            o.AddGrain<IAggregatorGrain, AggregatorGrain>();
            o.StreamMaxDeliveryAttempts = maxAttempts;
            o.StreamPollInterval = TimeSpan.FromMilliseconds(50);
        });
        _ = provider == "sqlite"
            ? builder.Services.AddJobHomeSqliteStorage(connectionString)
            : builder.Services.AddJobHomePostgresStorage(connectionString);
        using var host = builder.Build();
        Console.WriteLine("silo starting");
        await host.RunAsync();
    }
}
