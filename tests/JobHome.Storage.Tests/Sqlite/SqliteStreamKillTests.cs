using System.Globalization;
using System.Net;
using System.Net.Sockets;
using JobHome.Storage.Sqlite.State;
using JobHome.Storage.SqliteHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit.Abstractions;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// Durable streams through a real silo process that is SIGKILLed while it publishes and consumes, then restarted on the
/// same file to publish the rest from its last acknowledged batch: every event is applied exactly once (at-least-once
/// delivery, a producer that publishes an unacknowledged batch again, a consumer that dedupes by event number).
/// </summary>
public sealed class SqliteStreamKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Streams = 8;
    private const int EventsPerStream = 20_000;
    private const int Batch = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly SqliteTestFile _file = new();
    private readonly long[] _published = new long[Streams];
    private readonly long[] _applied = new long[Streams];
    private readonly TaskCompletionSource _underWay = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _appliedAll = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Streams_SiloKilledWithSigkillWhilePublishingAndConsuming_EveryEventAppliedExactlyOnceAfterRestart()
    {
        long[] publishedAtKill;
        long[] appliedAtKill;
        // Run 1 publishes everything; SIGKILL once a tenth is applied (publishing and consuming both under way).
        using (var run = HostProcess.Start(OnLine, SiloArguments(new long[Streams])))
        {
            await _underWay.Task.WaitAsync(Deadline);
            Assert.Equal(137, await run.KillAsync(Deadline));
            Assert.Empty(run.Errors);
            lock (_published)
            {
                publishedAtKill = [.. _published];
                appliedAtKill = [.. _applied];
            }
        }

        // Run 2 publishes again from each stream's last acknowledged batch (the batch in flight at the kill may be
        // published twice) while Orleans redelivers what run 1 had not confirmed.
        using (var run = HostProcess.Start(OnLine, SiloArguments(publishedAtKill)))
        {
            await _appliedAll.Task.WaitAsync(Deadline);
            await run.KillAsync(Deadline);
            Assert.Empty(run.Errors);
        }

        var states = ReadConsumerStates();
        output.WriteLine($"acknowledged at the kill (of {EventsPerStream} per stream): {string.Join(", ", publishedAtKill)}");
        output.WriteLine($"applied at the kill (as the parent had read it): {string.Join(", ", appliedAtKill)}");
        output.WriteLine($"duplicates skipped: {string.Join(", ", states.OrderBy(p => p.Key).Select(p => p.Value.Duplicates))}");
        Assert.Equal(Streams, states.Count);
        Assert.Equal(0, _file.Scalar("SELECT count(*) FROM stream_dead_letters"));
        foreach (var state in states.Values)
        {
            // Events 0 … N−1 each applied once, in order: next = N, sum = 0 + 1 + … + N−1, no gaps.
            Assert.Equal(EventsPerStream, state.Next);
            Assert.Equal((long)EventsPerStream * (EventsPerStream - 1) / 2, state.Sum);
            Assert.Equal(0, state.Gaps);
        }
    }

    private void OnLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || (parts[0] != "PUBLISHED" && parts[0] != "APPLIED"))
        {
            return;
        }

        var stream = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var count = long.Parse(parts[2], CultureInfo.InvariantCulture);
        lock (_published)
        {
            var target = parts[0] == "PUBLISHED" ? _published : _applied;
            target[stream] = Math.Max(target[stream], count);
            if (_applied.Sum() >= Streams * EventsPerStream / 10)
            {
                _underWay.TrySetResult();
            }

            if (_applied.All(a => a >= EventsPerStream))
            {
                _appliedAll.TrySetResult();
            }
        }
    }

    private string[] SiloArguments(long[] firsts) =>
    [
        "silo", _file.Path, FreePort(), FreePort(), Streams.ToString(CultureInfo.InvariantCulture),
        string.Join(',', firsts.Select(f => f.ToString(CultureInfo.InvariantCulture))),
        EventsPerStream.ToString(CultureInfo.InvariantCulture), Batch.ToString(CultureInfo.InvariantCulture),
    ];

    private static readonly Lazy<IGrainStorageSerializer> BinaryStates = new(() => new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(KillConsumerState).Assembly)).BuildServiceProvider()
            .GetRequiredService<Orleans.Serialization.Serializer>()));

    private Dictionary<int, KillConsumerState> ReadConsumerStates()
    {
        // The silo stores grain state in the embedded store's binary format (SqliteStateSerializer).
        var serializer = new SqliteStateSerializer(BinaryStates.Value, BinaryStates.Value);
        var states = new Dictionary<int, KillConsumerState>();
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, payload FROM grain_state WHERE state_name = $state";
        command.Parameters.AddWithValue("$state", KillConsumerGrain.StateName);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var grain = reader.GetString(0);
            var stream = int.Parse(grain[(grain.LastIndexOf('/') + 2)..], CultureInfo.InvariantCulture); // ".../s3" → 3
            var payload = (byte[])reader.GetValue(1);
            Assert.True(SqliteStateSerializer.IsBinary(payload), $"state of {grain} is not in the binary format");
            states[stream] = serializer.Deserialize<KillConsumerState>(new BinaryData(payload))!;
        }

        return states;
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
