using System.Reflection;
using JobHome.Storage.Hosting;
using JobHome.Storage.Postgres.Streams;
using JobHome.Storage.Startup;
using JobHome.Storage.Tests.Sqlite.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace JobHome.Storage.Tests.Postgres;

/// <summary>
/// On PostgreSQL (Orleans' ADO.NET stream provider behind <see cref="NotifiedQueueAdapterFactory"/>), a given-up delivery
/// counts an attempt only when the consumer itself threw: a consumer that is alive but does not answer within the
/// response timeout (busy with an earlier call, as on a silo swamped by a backlog) gets its messages delivered again with
/// the unanswered dequeue taken back, and nothing is dead-lettered however often that happens.
/// </summary>
public sealed class PostgresStreamDeliveryFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    // Low enough that Orleans' handler alone (every give-up counts the dequeue) dead-letters the held message after its
    // second unanswered give-up; the test waits for three times as many give-ups.
    private const int MaxAttempts = 2;
    private string _connectionString = "";
    private InProcessTestCluster? _cluster;

    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("pg_stream_fail");

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Streams_ConsumerBusyPastTheResponseTimeout_NothingDeadLetteredNoAttemptCountedAndEveryEventAppliedOnce()
    {
        Assert.True(PostgresDeliveryOutcomes.Recognises, "the ADO.NET provider's delivery calls are recognised");
        const int Rows = 5;
        const int RowSize = 10;
        var key = $"busy-{Guid.NewGuid():N}";
        // The consumer is held inside its first delivery (a barrier) while the agent gives up on call after call: each
        // call and its retries go unanswered for 1 s each, and the agent gives up after 2 s of retrying. Nothing threw.
        var cluster = await StartAsync();
        var outcomes = cluster.GetSiloServiceProvider().GetRequiredService<PostgresDeliveryOutcomes>();
        using var timeout = new CancellationTokenSource(Deadline);
        var producer = cluster.Client.GetGrain<IProducerGrain>("p");
        var probe = TestSignals.Stream(key);
        var held = probe.HoldAt(1);
        long id = 0, count = 0, sum = 0;
        async Task PublishAsync(int events)
        {
            var batch = Enumerable.Range(0, events).Select(_ => new TestEvent(++id, id)).ToList();
            count += events;
            sum += batch.Sum(e => e.Value);
            await producer.PublishNumberedAsync(key, batch);
        }

        await PublishAsync(1);
        await held.WaitAsync(timeout.Token);
        for (var r = 0; r < Rows; r++)
        {
            await PublishAsync(RowSize);
        }

        // Give-ups are the agent's (MaxEventDeliveryTime on the silo's clock): wait for them, not for a time (or for a
        // dead letter, which is what counting every give-up as an attempt produces by the second one).
        while (outcomes.GivenUp < 3 * MaxAttempts
            && await ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letter") == 0)
        {
            await Task.Delay(20, timeout.Token);
        }

        var seen = await DescribeAsync(outcomes);
        Assert.True(await ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letter") == 0, seen);
        Assert.True(outcomes.Counted == 0, seen);
        // Every message carries at most the count of the read now delivering it: the unanswered ones were taken back.
        Assert.True(await ScalarAsync("SELECT coalesce(max(dequeued), 0) FROM orleans_stream_message") <= 1, seen);

        var all = probe.WaitForCountAsync(count);
        probe.Release();
        await all.WaitAsync(timeout.Token);
        var state = await cluster.Client.GetGrain<INumberedConsumerGrain>(key).GetAsync();
        Assert.Equal(count, state.Count);
        Assert.Equal(sum, state.Sum);
        Assert.Equal(count, state.Applied.Distinct().Count());
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letter"));
    }

    [Fact]
    public async Task Streams_PoisonOnASiloWithAShortResponseTimeout_StillDeadLetteredNamingTheConsumersException()
    {
        var key = $"poison-{Guid.NewGuid():N}";
        var cluster = await StartAsync();
        var outcomes = cluster.GetSiloServiceProvider().GetRequiredService<PostgresDeliveryOutcomes>();
        using var timeout = new CancellationTokenSource(Deadline);
        var producer = cluster.Client.GetGrain<IProducerGrain>("p");
        var probe = TestSignals.Stream(key);
        var first = probe.WaitForCountAsync(1);
        await producer.PublishNumberedAsync(key, [new TestEvent(1, 10)]);
        await first.WaitAsync(timeout.Token);
        // The poison alone in its calls: given up MaxAttempts times (each a dequeue), then dead-lettered.
        await producer.PublishNumberedAsync(key, [new TestEvent(2, 20, Poison: true)]);
        while (await ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letter") == 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        // The stream goes on after it.
        var after = probe.WaitForCountAsync(2);
        await producer.PublishNumberedAsync(key, [new TestEvent(3, 30)]);
        await after.WaitAsync(timeout.Token);

        var state = await cluster.Client.GetGrain<INumberedConsumerGrain>(key).GetAsync();
        Assert.Equal(40, state.Sum);
        Assert.True(probe.PoisonAttempts >= MaxAttempts, $"delivery was retried: {probe.PoisonAttempts} attempts");
        var seen = await DescribeAsync(outcomes);
        Assert.True(await ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letter") == 1, seen);
        Assert.True(1 == await ScalarAsync(
            "SELECT count(*) FROM orleans_stream_dead_letter "
            + $"WHERE dequeued = {MaxAttempts} AND reason LIKE '%the consumer threw InvalidOperationException%'"), seen);
        Assert.True(outcomes.Counted >= MaxAttempts, $"give-ups that counted: {outcomes.Counted}");
    }

    private Task<long> ScalarAsync(string sql) => TestPostgres.ScalarAsync(_connectionString, sql);

    // What the tables and the silo's notes hold, for a failed assertion.
    private async Task<string> DescribeAsync(PostgresDeliveryOutcomes outcomes)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT 'message ' || message_id || ' dequeued ' || dequeued || ' visible in ' || "
            + "round(extract(epoch FROM visible_on - now()))::text FROM orleans_stream_message "
            + "UNION ALL SELECT 'dead letter ' || message_id || ' dequeued ' || dequeued || ': ' || coalesce(reason, '(no reason)') "
            + "FROM orleans_stream_dead_letter", connection);
        var lines = new List<string>
        {
            $"given up: {outcomes.Unanswered} unanswered, {outcomes.Counted} counted; notes pending: {outcomes.Pending}",
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    // One silo on a fresh database whose calls time out after 1 s and whose pulling agent gives up on a delivery after
    // 2 s of retrying; clustering in the database, as in production.
    private async Task<InProcessTestCluster> StartAsync()
    {
        var options = new JobHomeStorageOptions
        {
            Kind = StorageKind.Postgres,
            ConnectionString = _connectionString,
            StreamMaxDeliveryTime = TimeSpan.FromSeconds(2),
            StreamMaxAttempts = MaxAttempts,
            StreamPartitions = 1,
        };
        await StorageStartup.PrepareAsync(options, CancellationToken.None);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        typeof(InProcessTestClusterOptions)
            .GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)!
            .SetValue(builder.Options, false);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddJobHomeStorage(options);
            silo.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureClient(client => client.UseAdoNetClustering(o =>
        {
            o.Invariant = StorageSiloBuilderExtensions.PostgresInvariant;
            o.ConnectionString = _connectionString;
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        return _cluster;
    }
}
