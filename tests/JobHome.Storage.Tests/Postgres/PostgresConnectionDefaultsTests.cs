using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using JobHome.Storage.Postgres;
using JobHome.Storage.Startup;
using Npgsql;

namespace JobHome.Storage.Tests.Postgres;

/// <summary>A connection string that names no GSS encryption mode opens with GSS encryption off (one connection per open,
/// and a failure reported as it happened); one that names a mode keeps it.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    /// <summary>The code of the request for TLS a client sends first (PostgreSQL protocol, "Message Formats").</summary>
    private const int SslRequest = 80877103;

    [Fact]
    public void Apply_NoMode_AddsDisableAndKeepsEveryOtherKey()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(
            "Host=db.example;Port=6543;Username=app;Password=s3cret;Database=jobhome;Timeout=30;Maximum Pool Size=7"));

        Assert.Equal(GssEncryptionMode.Disable, applied.GssEncryptionMode);
        Assert.Equal(("db.example", 6543, "app", "s3cret", "jobhome", 30, 7),
            (applied.Host, applied.Port, applied.Username, applied.Password, applied.Database, applied.Timeout, applied.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=h;Gss Encryption Mode=Prefer", GssEncryptionMode.Prefer)]
    [InlineData("Host=h;GssEncryptionMode=Require", GssEncryptionMode.Require)]
    [InlineData("Host=h;gss encryption mode=prefer", GssEncryptionMode.Prefer)]
    public void Apply_ModeNamed_KeepsIt(string connectionString, GssEncryptionMode expected)
    {
        var applied = PostgresConnectionDefaults.Apply(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(applied).GssEncryptionMode);
    }

    [Fact]
    public void Apply_Unparsable_ReturnsItUnchanged()
    {
        const string broken = "Host=h;Port=not-a-number";

        Assert.Same(broken, PostgresConnectionDefaults.Apply(broken));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData(";Gss Encryption Mode=Prefer", 2)]
    public async Task StartUpOpen_ServerHangsUp_ConnectsOnceUnlessGssEncryptionIsAskedFor(string modeSuffix, int expectedConnections)
    {
        // A listener that reads each client's first message and hangs up, standing in for a server that fails the open.
        // Npgsql's GSS "Prefer" opens a second connection after any failure of the first (docs/storage.md).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = new List<int>();
        using var stop = new CancellationTokenSource();
        var accepting = AcceptAndHangUpAsync(listener, requests, stop.Token);

        var target = PostgresTarget.Parse(
            $"Host=127.0.0.1;Port={port};Username=u;Password=p;Database=d;Pooling=false;Timeout=30{modeSuffix}", "test");
        var error = await Assert.ThrowsAsync<StorageStartupException>(() => target.OpenAsync(CancellationToken.None));
        await stop.CancelAsync();
        await accepting;

        Assert.Contains("Cannot connect to PostgreSQL at 127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Equal(expectedConnections, requests.Count);
        if (modeSuffix.Length == 0)
        {
            // The default never asks for GSS encryption. (Prefer asks only where the process holds Kerberos credentials, so
            // on a machine without them it too starts with TLS, and its retry is the whole difference.)
            Assert.All(requests, request => Assert.Equal(SslRequest, request));
        }
    }

    private static async Task AcceptAndHangUpAsync(TcpListener listener, List<int> requests, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(stop);
                var message = new byte[8];
                await client.GetStream().ReadExactlyAsync(message, stop);
                // Length (8), then the request code; disposing the client hangs up.
                requests.Add(BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(4)));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
