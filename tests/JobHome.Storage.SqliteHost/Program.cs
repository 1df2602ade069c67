using System.Globalization;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace JobHome.Storage.SqliteHost;

/// <summary>
/// <c>JobHome.Storage.SqliteHost PATH normal|full WRITERS</c>: each writer owns grain <c>g{n}</c> and writes its state
/// 1, 2, 3, … through <see cref="SqliteGrainStorage"/>, printing <c>ACK g{n} {value}</c> only after the write returned
/// (its batch committed). Runs until killed. <c>JobHome.Storage.SqliteHost silo …</c>: see <see cref="SiloMode"/>.
/// </summary>
public static class Program
{
    /// <summary>The state name the host writes under.</summary>
    public const string StateName = "kill-test";

    /// <summary>The grain id of writer <paramref name="writer"/>.</summary>
    public static GrainId Grain(int writer) => GrainId.Create("kill-test", string.Create(CultureInfo.InvariantCulture, $"g{writer}"));

    /// <summary>Orleans' grain-state serializer outside a silo (the host and the test read the same bytes).</summary>
    public static IGrainStorageSerializer CreateSerializer() =>
        new OrleansGrainStorageSerializer(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    /// <summary>Entry point.</summary>
    public static async Task Main(string[] args)
    {
        if (args[0] == "silo")
        {
            await SiloMode.RunAsync(args[1..]);
            return;
        }

        var path = args[0];
        var synchronous = Enum.Parse<SqliteSynchronous>(args[1], ignoreCase: true);
        var writers = int.Parse(args[2], CultureInfo.InvariantCulture);
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = path, Synchronous = synchronous }, TimeProvider.System, NullLogger<SqliteStore>.Instance);
        await store.StartAsync();
        var storage = new SqliteGrainStorage("Default", store, CreateSerializer());
        var output = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        await output.WriteLineAsync("READY");
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var grain = Grain(w);
            var state = new HostState();
            await storage.ReadStateAsync(StateName, grain, state);
            while (true)
            {
                state.State++;
                await storage.WriteStateAsync(StateName, grain, state);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ACK {w} {state.State}"));
            }
        })));
    }

    private sealed class HostState : IGrainState<long>
    {
        public long State { get; set; }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
