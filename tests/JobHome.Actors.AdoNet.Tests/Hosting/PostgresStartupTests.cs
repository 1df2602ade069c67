using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobHome.Actors.AdoNet.Tests.Hosting;

/// <summary>A PostgreSQL store that cannot be used fails the start quickly with a message naming where, never the password.</summary>
public sealed class PostgresStartupTests
{
    private const string Password = "s3cret-Pa55word";

    // Generous: the point is "does not hang", not a latency figure.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task InitializeAsync_NothingListening_FailsFastNamingHostPortAndDatabase()
    {
        var port = FreePort();

        var (error, elapsed) = await StartAsync($"Host=127.0.0.1;Port={port};Database=jobhome;Username=jobhome;Password={Password}");

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("database 'jobhome'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.True(elapsed < AdoNetStorageOptions.DefaultConnectTimeout + Margin, $"took {elapsed}");
    }

    [Fact]
    public async Task InitializeAsync_ServerNeverAnswers_FailsAfterConnectTimeout()
    {
        // Accepts TCP connections and never says a word: without a connect timeout the start would hang.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Listener stopped.
            }
        });

        var (error, elapsed) = await StartAsync(
            $"Host=127.0.0.1;Port={port};Database=jobhome;Username=jobhome;Password={Password}",
            o => o.ConnectTimeout = TimeSpan.FromSeconds(2));

        silent.Stop();
        await accepting;
        accepted.ForEach(c => c.Dispose());
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromSeconds(1.5), $"gave up too early: {elapsed}");
        Assert.True(elapsed < TimeSpan.FromSeconds(2) + Margin, $"took {elapsed}");
    }

    [Fact]
    public async Task InitializeAsync_DatabaseMissing_FailsNamingTheDatabase()
    {
        var name = $"jobhome_missing_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresStorageFixture.AdminConnectionString) { Database = name }.ConnectionString;

        var (error, _) = await StartAsync(connectionString);

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddJobHomePostgresStorage_MalformedConnectionString_FailsAtStartWithClearMessage()
    {
        var services = new ServiceCollection().AddJobHomePostgresStorage($"Hots=db;Password={Password}").BuildServiceProvider();

        var error = Assert.Throws<AdoNetStorageException>(() => services.GetRequiredService<IStorageInitializer>());

        Assert.Contains("PostgreSQL connection string is invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddJobHomePostgresStorage_FromConfiguration_UsesNamedConnectionString()
    {
        var fixture = new PostgresStorageFixture();
        var connectionString = await fixture.CreateDatabaseAsync();
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:JobHome"] = connectionString })
                .Build();
            await using var services = new ServiceCollection().AddJobHomePostgresStorage(configuration).BuildServiceProvider();

            await services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
            var etag = await services.GetRequiredService<IGrainStorage>().WriteAsync(new GrainStateKey("T", "1", "s"), new byte[] { 1 }, null, CancellationToken.None);

            Assert.Equal("1", etag);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public void AddJobHomePostgresStorage_ConnectionStringMissingFromConfiguration_NamesTheKey()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<AdoNetStorageException>(() => new ServiceCollection().AddJobHomePostgresStorage(configuration, "Cluster"));

        Assert.Contains("ConnectionStrings:Cluster", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(AdoNetStorageException Error, TimeSpan Elapsed)> StartAsync(string connectionString, Action<AdoNetStorageOptions>? configure = null)
    {
        await using var services = new ServiceCollection().AddJobHomePostgresStorage(connectionString, configure).BuildServiceProvider();
        var initializer = services.GetRequiredService<IStorageInitializer>();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AdoNetStorageException>(() => initializer.InitializeAsync(CancellationToken.None));
        return (error, clock.Elapsed);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
