using System.Globalization;
using JobHome.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace JobHome.Storage.SqliteHost;

/// <summary>
/// <c>silo PATH SILO_PORT GATEWAY_PORT STREAMS FIRSTS LAST BATCH</c>: a one-silo cluster on the embedded file. One
/// producer grain per stream s publishes events FIRSTS[s] … LAST−1 (FIRSTS: one comma-separated number per stream) in
/// batches (<c>OnNextBatchAsync</c>), printing
/// <c>PUBLISHED {stream} {count}</c> after each acknowledged batch, then stops publishing. Consumers
/// (<see cref="KillConsumerGrain"/>) print <c>APPLIED {stream} {count}</c> after each state write. Runs until killed.
/// </summary>
public static class SiloMode
{
    /// <summary>Runs the silo.</summary>
    public static async Task RunAsync(string[] args)
    {
        var path = args[0];
        var siloPort = int.Parse(args[1], CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(args[2], CultureInfo.InvariantCulture);
        var streams = int.Parse(args[3], CultureInfo.InvariantCulture);
        var firstEvents = args[4].Split(',').Select(f => int.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var lastEvent = int.Parse(args[5], CultureInfo.InvariantCulture);
        var batch = int.Parse(args[6], CultureInfo.InvariantCulture);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = path });
        });
        using var host = builder.Build();
        await host.StartAsync();
        HostOutput.WriteLine("READY");

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"s{s}");
            var producer = grains.GetGrain<IKillProducerGrain>(key);
            for (var first = firstEvents[s]; first < lastEvent; first += batch)
            {
                var count = Math.Min(batch, lastEvent - first);
                await producer.PublishAsync(key, first, count);
                HostOutput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PUBLISHED {s} {first + count}"));
            }
        }));

        await Task.Delay(Timeout.Infinite);
    }
}
