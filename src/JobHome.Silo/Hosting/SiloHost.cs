using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using JobHome.Grains.Hosting;
using JobHome.Grains.People;
using JobHome.Grains.Time;
using JobHome.Silo.Api;
using JobHome.Silo.Diagnostics;
using JobHome.Silo.Health;
using JobHome.Silo.Security;
using JobHome.Storage;
using JobHome.Storage.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace JobHome.Silo.Hosting;

/// <summary>Builds the one process: Generic Host, ASP.NET Core and the Orleans silo with its co-hosted client.</summary>
internal static class SiloHost
{
    /// <summary>Where HTTP is served when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor Kestrel endpoints say otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Service name on exported telemetry.</summary>
    public const string ServiceName = "jobhome-silo";

    /// <summary>Path of the Prometheus scraping endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Path of the Orleans Dashboard for cluster operators.</summary>
    public const string DashboardPath = "/orleans";

    /// <summary>
    /// Creates the builder with the usual configuration layering plus <c>--data DIR</c> as a short form of
    /// <c>--JobHome:Data</c> and <c>--no-demo</c> of <c>--JobHome:Demo=false</c>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // appsettings.json sits next to the assembly, so the host finds it whatever the working directory is; the data
        // folder, by contrast, is relative to the working directory (./data).
        // --no-demo is a bare switch; configuration switches need a value, so it becomes --JobHome:Demo=false.
        args = [.. args.Select(a => a == "--no-demo" ? $"--{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.Demo)}=false" : a)];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--data"] = $"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.Data)}",
        });
        return builder;
    }

    /// <summary>Adds Orleans, storage, health checks, metrics and the dashboard to <paramref name="builder"/>.</summary>
    public static void Configure(WebApplicationBuilder builder, SiloHostOptions options, JobHomeStorageOptions storage,
        SiloTuning tuning)
    {
        if (!HasConfiguredUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var tracker = new SiloActivityTracker();
        builder.Services.AddSingleton(tracker);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(tracker);
        builder.Services.AddSingleton<SiloMetrics>();
        builder.Services.AddJobHomeHealthChecks(storage);
        // Registered before the grains' defaults (AddJobHomeGrains only adds MatchingOptions when none is registered).
        builder.Services.AddSingleton(tuning.Matching);
        builder.Services.AddSingleton(tuning.Activations);
        builder.Services.AddSingleton(tuning.Diagnostics);
        builder.Services.AddJobHomeGrains(
            builder.Configuration.GetSection($"{SiloHostOptions.SectionName}:Clock").Get<ServerClockOptions>(),
            builder.Configuration.GetSection($"{SiloHostOptions.SectionName}:IdCardKeys").Get<IdCardKeyOptions>());
        builder.Services.AddJobHomeApi();
        builder.Services.AddJobHomeModelReload(builder.Configuration);
        builder.Services.AddJobHomeSecurity(builder.Configuration, storage);

        builder.UseOrleans(silo =>
        {
            if (options.Storage == StorageKind.Embedded)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
            }
            else
            {
                // Membership in PostgreSQL (AdoNet clustering) is registered by AddJobHomeStorage; the host names the
                // cluster and the endpoints other silos and clients reach.
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                ConfigureEndpoints(silo, options);
            }

            silo.AddJobHomeStorage(storage);
            if (options.Storage == StorageKind.Embedded)
            {
                // AddJobHomeStorage registers the store's options with the defaults and the file path; the host's read of
                // JobHome:Sqlite takes their place (same file).
                tuning.Sqlite.Path = storage.EmbeddedPath;
                silo.Services.Replace(ServiceDescriptor.Singleton(tuning.Sqlite));
            }
            if (options.OrleansDashboard)
            {
                // Its per-second telemetry runs only while the dashboard is in use (OrleansDashboardTelemetry).
                OrleansDashboardTelemetry.AddDashboard(silo);
            }
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(
                    SiloMetrics.OrleansMeterName,
                    SiloMetrics.MeterName,
                    JobHome.Grains.Indicators.IndicatorMetrics.MeterName,
                    JobHome.Storage.Sqlite.SqliteMetrics.MeterName,
                    JobHome.Grains.Matching.PostListMetrics.MeterName,
                    JobHome.Grains.Matching.MatchPartitionGrain.RebuildMeterName,
                    JobHome.Grains.Diagnostics.GrainCallTiming.MeterName,
                    // .NET's own: GC pause time and collections, heap sizes, thread-pool queue length and threads, lock
                    // contention (dotnet_gc_*, dotnet_thread_pool_*, dotnet_monitor_*).
                    "System.Runtime",
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
    }

    /// <summary>Maps the endpoints and hooks the start and stop messages.</summary>
    public static void Map(WebApplication app, SiloHostOptions options, long startTimestamp)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JobHome.Silo");
        var metrics = app.Services.GetRequiredService<SiloMetrics>();
        var tracker = app.Services.GetRequiredService<SiloActivityTracker>();
        SiloLog.Starting(logger, options.Storage, options.ClusterId, options.ServiceId, options.SiloPort, options.GatewayPort);
        // From the container the grains and the store resolve them from, so the line shows what is in effect.
        SiloTuningLog.InEffect(logger, app.Services.GetRequiredService<JobHome.Grains.Matching.MatchingOptions>(),
            app.Services.GetService<JobHome.Storage.Sqlite.SqliteStoreOptions>());
        SiloTuningLog.CollectionInEffect(logger, app.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value);
        SiloTuningLog.SlowCallThreshold(logger,
            app.Services.GetRequiredService<JobHome.Grains.Diagnostics.GrainCallTimingOptions>().SlowCallThreshold.TotalMilliseconds);
        tracker.BecameActive += () =>
        {
            var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
            metrics.StartupDuration.Record(seconds);
            SiloLog.Active(logger, seconds);
        };

        app.UseJobHomeSecurity();
        app.MapJobHomeHealthChecks();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (options.OrleansDashboard)
        {
            MapOperatorEndpoints(app);
        }
        app.MapModelEndpoints();
        app.MapJobHomeApi();

        app.Lifetime.ApplicationStarted.Register(() => AnnounceServing(app, options, logger));
        app.Lifetime.ApplicationStopping.Register(() => SiloLog.Stopping(logger, options.ShutdownTimeout.TotalSeconds));
        app.Lifetime.ApplicationStopped.Register(() => SiloLog.Stopped(logger));
    }

    /// <summary>
    /// Endpoints for cluster operators: admin only, enforced with the API reference, OpenAPI and metrics paths by
    /// <c>ApiAccessMiddleware.AdminPaths</c> (docs/security.md).
    /// </summary>
    private static IEndpointConventionBuilder[] MapOperatorEndpoints(WebApplication app)
    {
        var dashboard = app.MapOrleansDashboard(routePrefix: DashboardPath);
        if (app.Services.GetService<OrleansDashboardTelemetry>() is { } telemetry)
        {
            // After the access checks (middleware): only an admin's request starts the telemetry.
            dashboard.AddEndpointFilter(async (context, next) =>
            {
                await telemetry.UseAsync(context.HttpContext.RequestAborted);
                return await next(context);
            });
        }
        return [dashboard];
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, SiloHostOptions options)
    {
        // Listen on every interface (containers, several NICs); advertise the one address other silos should dial.
        if (options.AdvertisedAddress is null)
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, AddressFamily.InterNetwork, listenOnAnyHostAddress: true);
        }
        else if (IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(
                options.AdvertisedAddress,
                options.SiloPort,
                options.GatewayPort,
                AddressFamily.InterNetwork,
                listenOnAnyHostAddress: true);
        }
    }

    private static bool HasConfiguredUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    private static void AnnounceServing(WebApplication app, SiloHostOptions options, ILogger logger)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        var urls = addresses.Length > 0 ? string.Join(", ", addresses) : "(no HTTP address)";
        var store = options.Storage == StorageKind.Embedded ? $"embedded data in {options.DataPath}" : "PostgreSQL";
        SiloLog.Serving(logger, urls);
        // The one line an operator looks for; stdout, not the log, so it reads the same whatever the logging settings.
        Console.Out.WriteLine(
            $"JobHome silo serving on {urls} ({store}; operators' dashboard /, health {HealthEndpoints.ReadyPath}, "
            + $"metrics {MetricsPath}, Orleans dashboard {(options.OrleansDashboard ? DashboardPath : "off")}, "
            + $"API {ApiEndpoints.ReferencePath}; Ctrl+C stops)");
        Console.Out.Flush();
    }
}
