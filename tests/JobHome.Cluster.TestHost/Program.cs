using System.Net;
using JobHome.Cluster.TestHost;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.Placements;
using JobHome.Storage;
using JobHome.Storage.Hosting;
using JobHome.Storage.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

var arguments = HostArguments.Parse(args);
var storage = new JobHomeStorageOptions
{
    Kind = arguments.Storage,
    DataDirectory = arguments.Data,
    ConnectionString = arguments.Connection,
};
if (arguments.StreamMaxDeliveryTime is { } delivery)
{
    storage.StreamMaxDeliveryTime = delivery;
}

if (arguments.StreamMaxAttempts is { } attempts)
{
    storage.StreamMaxAttempts = attempts;
}

await StorageStartup.PrepareAsync(storage, CancellationToken.None);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
if (arguments.BlockAfter is { } blockAfter)
{
    builder.Services.AddSingleton<IPlacementStepHook>(BlockingPlacementHook.Parse(blockAfter));
}

if (arguments.RebuildBatch is not null || arguments.RebuildPauseMs is not null)
{
    // Registered before AddJobHomeGrains, which then keeps it: small steps make a rebuild of thousands take many batches.
    var defaults = new MatchingOptions();
    builder.Services.AddSingleton(new MatchingOptions
    {
        RebuildBatchSize = arguments.RebuildBatch ?? defaults.RebuildBatchSize,
        RebuildPause = arguments.RebuildPauseMs is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.RebuildPause,
    });
}

// The network grains of JobHome.Grains next to the test grains: the kill tests of placements and aggregates use them.
builder.Services.AddJobHomeGrains();
builder.UseOrleans(silo =>
{
    if (arguments.Storage == StorageKind.Embedded)
    {
        silo.UseLocalhostClustering(arguments.SiloPort, arguments.GatewayPort);
    }
    else
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = arguments.ClusterId;
            o.ServiceId = "jobhome";
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = IPAddress.Loopback;
            o.SiloPort = arguments.SiloPort;
            o.GatewayPort = arguments.GatewayPort;
        });
    }

    silo.Configure<SiloOptions>(o => o.SiloName = arguments.SiloName);
    if (arguments.FastMembership)
    {
        // Tuned detection for the failover test: probes every second, three misses, two votes.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
    }

    if (SiteReportFilter.Parse(arguments.DropChildReports, arguments.DropReportAsks) is { } reportFilter)
    {
        silo.AddOutgoingGrainCallFilter(reportFilter);
    }

    silo.AddJobHomeStorage(storage);
});

using var host = builder.Build();
await host.StartAsync();
// The parent test waits for this line before it connects.
Console.WriteLine($"READY {arguments.SiloName}");
await host.WaitForShutdownAsync();
Console.WriteLine($"STOPPED {arguments.SiloName}");
