using System.Buffers.Binary;
using System.Globalization;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>
/// Consumes one stream namespace into an aggregate until it has applied <c>total</c> events: read from the checkpoint,
/// apply (dropping sequences already applied), write the state in one conditional write, then advance the checkpoint.
/// Events with a negative number are poison: each attempt is counted, and after <c>maxAttempts</c> the event goes to
/// the dead letters. The test kills this process at random points and starts it again.
/// Usage: provider connectionString namespace consumer total batchSize delayMs maxAttempts.
/// With <c>silo-sqlite|silo-postgres connectionString maxAttempts</c> it runs a silo hosting <see cref="AggregatorGrain"/> instead.
/// </summary>
public static class Program
{
    public const string GrainType = "IAggregatorGrain";
    public const string StateName = "aggregate";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 3 && args[0] is "silo-sqlite" or "silo-postgres")
        {
            await SiloHost.RunAsync(args[0] == "silo-sqlite" ? "sqlite" : "postgres", args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Length != 8)
        {
            await Console.Error.WriteLineAsync("usage: sqlite|postgres <connection string> <namespace> <consumer> <total> <batch> <delay ms> <max attempts>");
            return 2;
        }

        var (provider, connectionString, ns, consumer) = (args[0], args[1], args[2], args[3]);
        var total = int.Parse(args[4], CultureInfo.InvariantCulture);
        var batch = int.Parse(args[5], CultureInfo.InvariantCulture);
        var delay = TimeSpan.FromMilliseconds(int.Parse(args[6], CultureInfo.InvariantCulture));
        var maxAttempts = int.Parse(args[7], CultureInfo.InvariantCulture);

        var services = new ServiceCollection();
        _ = provider == "sqlite" ? services.AddJobHomeSqliteStorage(connectionString) : services.AddJobHomePostgresStorage(connectionString);
        await using var sp = services.BuildServiceProvider();
        foreach (var initializer in sp.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        var storage = sp.GetRequiredService<IGrainStorage>();
        var log = sp.GetRequiredService<IStreamLog>();
        var key = new GrainStateKey(GrainType, consumer, StateName);
        var stored = await storage.ReadAsync(key, CancellationToken.None);
        var state = AggregateState.Parse(stored?.Payload);
        var etag = stored?.Etag;
        var checkpoint = await log.GetCheckpointAsync(consumer, ns, CancellationToken.None);
        Console.WriteLine($"started at checkpoint {checkpoint}, count {state.Count}");

        while (state.Count < total)
        {
            var events = await log.ReadAsync(ns, checkpoint, batch, CancellationToken.None);
            if (events.Count == 0)
            {
                await Task.Delay(10);
                continue;
            }

            StreamEventRecord? poison = null;
            var handled = checkpoint;
            var changed = false;
            foreach (var e in events)
            {
                var value = BinaryPrimitives.ReadInt32LittleEndian(e.Payload);
                if (value < 0)
                {
                    poison = e;
                    break;
                }

                changed |= state.TryApply(e.Stream.Key, e.Sequence, value, total);
                handled = e.Position;
            }

            if (changed)
            {
                etag = await storage.WriteAsync(key, state.ToBytes(), etag, CancellationToken.None);
            }

            if (handled > checkpoint)
            {
                await log.SetCheckpointAsync(consumer, ns, handled, CancellationToken.None);
                checkpoint = handled;
            }

            if (poison is not null)
            {
                const string error = "poison event: negative number";
                var attempts = await log.RecordFailureAsync(consumer, poison, error, CancellationToken.None);
                if (attempts >= maxAttempts)
                {
                    await log.DeadLetterAsync(consumer, poison, error, attempts, CancellationToken.None);
                    checkpoint = poison.Position;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }
        }

        Console.WriteLine($"done: count {state.Count}");
        return 0;
    }
}
