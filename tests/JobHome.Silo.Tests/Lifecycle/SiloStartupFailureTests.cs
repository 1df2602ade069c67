using System.Net;
using System.Net.Sockets;
using JobHome.Silo.Tests.Fixtures;
using Npgsql;

namespace JobHome.Silo.Tests.Lifecycle;

/// <summary>A silo that cannot use its store or its configuration exits at once with one clear line on stderr.</summary>
public sealed class SiloStartupFailureTests
{
    /// <summary>Exit code for an unusable store (docs/silo.md).</summary>
    private const int StorageUnavailable = 3;

    /// <summary>Exit code for an invalid configuration value (docs/silo.md).</summary>
    private const int InvalidConfiguration = 2;

    /// <summary>Exit code for a host that failed while starting or running (docs/silo.md).</summary>
    private const int HostFailed = 1;

    /// <summary>Store and configuration checks run before the silo starts, so these exits are quick; the bound is for a cold
    /// start on a busy machine.</summary>
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Kestrel binds after the silo has started (and must then stop it again), which takes longer on a busy machine.</summary>
    private static readonly TimeSpan HostFailedDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_ExitsWithStorageMessage()
    {
        using var silo = SiloProcess.Start("--JobHome:Storage=postgres");

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.Equal(StorageUnavailable, exitCode);
        var line = SingleErrorLine(silo);
        Assert.Contains("ConnectionStrings:JobHome is not set", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresOnClosedPort_ExitsWithHostPortAndDatabase()
    {
        var closedPort = FreePorts.Take(1)[0];
        var connectionString = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Password=unused;Database=jobhome_nowhere";
        using var silo = SiloProcess.Start("--JobHome:Storage=Postgres", $"--ConnectionStrings:JobHome={connectionString}");

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.Equal(StorageUnavailable, exitCode);
        var line = SingleErrorLine(silo);
        Assert.Contains($"Cannot connect to PostgreSQL at 127.0.0.1:{closedPort}", line, StringComparison.Ordinal);
        Assert.Contains("database 'jobhome_nowhere'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("unused", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresWithWrongPassword_ExitsWithPasswordRefused()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Password = $"wrong-{Guid.NewGuid():N}" };
        using var silo = SiloProcess.Start("--JobHome:Storage=postgres", $"--ConnectionStrings:JobHome={builder.ConnectionString}");

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.Equal(StorageUnavailable, exitCode);
        var line = SingleErrorLine(silo);
        Assert.Contains($"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database}'", line, StringComparison.Ordinal);
        Assert.Contains("the password was refused", line, StringComparison.Ordinal);
        Assert.DoesNotContain(builder.Password, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--JobHome:Storage=mongo", "JobHome:Storage = 'mongo'", "use 'embedded' or 'postgres'")]
    [InlineData("--JobHome:SiloPort=70000", "JobHome:SiloPort = '70000'", "from 1 to 65535")]
    [InlineData("--JobHome:ShutdownTimeout=soon", "JobHome:ShutdownTimeout = 'soon'", "from 1 second to 1 hour")]
    public async Task Start_InvalidSetting_ExitsNamingKeyValueAndRule(string argument, string keyAndValue, string rule)
    {
        using var silo = SiloProcess.Start(argument);

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.Equal(InvalidConfiguration, exitCode);
        var line = SingleErrorLine(silo);
        Assert.Contains(keyAndValue, line, StringComparison.Ordinal);
        Assert.Contains(rule, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidSettingFromEnvironment_ExitsNamingKey()
    {
        using var silo = SiloProcess.Start(new Dictionary<string, string> { ["JobHome__ClusterId"] = "two words" });

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.Equal(InvalidConfiguration, exitCode);
        Assert.Contains("JobHome:ClusterId = 'two words' is not a valid id", SingleErrorLine(silo), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HttpPortInUse_ExitsWithHostFailedAndAddress()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var silo = SiloProcess.Start("--urls", $"http://127.0.0.1:{port}");

        var exitCode = await silo.WaitForExitAsync(HostFailedDeadline);

        Assert.Equal(HostFailed, exitCode);
        var lines = silo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr\n{silo.Describe()}");
        Assert.StartsWith("JobHome silo failed: ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", lines[0], StringComparison.Ordinal);
    }

    /// <summary>Stderr holds exactly one line for the operator: the reason, no stack trace.</summary>
    private static string SingleErrorLine(SiloProcess silo)
    {
        var lines = silo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr\n{silo.Describe()}");
        Assert.StartsWith("JobHome silo cannot start: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.StandardError, StringComparison.Ordinal);
        return lines[0];
    }
}
