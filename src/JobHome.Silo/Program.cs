using System.Diagnostics;
using JobHome.Silo.Hosting;
using JobHome.Storage.Startup;

namespace JobHome.Silo;

/// <summary>Entry point of the silo host: checks configuration and storage, then runs until Ctrl+C or SIGTERM.</summary>
internal static class Program
{
    /// <summary>Runs the host; returns one of <see cref="ExitCodes"/>.</summary>
    public static async Task<int> Main(string[] args)
    {
        var startTimestamp = Stopwatch.GetTimestamp();
        WebApplicationBuilder builder;
        SiloHostOptions options;
        SiloTuning tuning;
        try
        {
            builder = SiloHost.CreateBuilder(args);
            options = SiloHostOptionsReader.Read(builder.Configuration);
            ModelEndpoints.ReadSettings(builder.Configuration);
            tuning = SiloTuningReader.Read(builder.Configuration);
        }
        catch (SiloConfigurationException e)
        {
            foreach (var error in e.Errors)
            {
                await Console.Error.WriteLineAsync($"JobHome silo cannot start: {error}");
            }

            return ExitCodes.InvalidConfiguration;
        }

        var storage = options.ToStorageOptions();
        DemoMarker.Decision demo;
        try
        {
            demo = DemoMarker.Decide(options, storage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"JobHome silo cannot start: the data folder {options.DataPath} is not writable: "
                + OneLine(e.Message));
            return ExitCodes.StorageUnavailable;
        }

        using (var interruption = new StartupInterruption())
        {
            try
            {
                await StorageStartup.PrepareAsync(storage, interruption.Token);
            }
            catch (StorageStartupException e)
            {
                await Console.Error.WriteLineAsync($"JobHome silo cannot start: {OneLine(e.Message)}");
                return ExitCodes.StorageUnavailable;
            }
            catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("JobHome silo stopped before it started (interrupted while checking the store).");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug in the check rather than an unusable store; still one line and a quick exit, never a hang.
                await Console.Error.WriteLineAsync("JobHome silo cannot start: the store check failed unexpectedly: "
                    + $"{e.GetType().Name}: {OneLine(e.Message)}");
                return ExitCodes.StorageUnavailable;
            }
        }

        try
        {
            SiloHost.Configure(builder, options, storage, tuning);
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(demo);
            builder.Services.AddHostedService<DemoLoader>();
            await using var app = builder.Build();
            SiloHost.Map(app, options, startTimestamp);
            await app.RunAsync();
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            // A stop request (or the shutdown timeout) cut the start or the stop short.
            await Console.Error.WriteLineAsync("JobHome silo stopped before it finished starting or stopping.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // The log has the details; the operator gets one line naming the cause.
            await Console.Error.WriteLineAsync($"JobHome silo failed: {OneLine(e.Message)}");
            return ExitCodes.HostFailed;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
