using System.Net;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Lifecycle;

/// <summary>
/// A silo on a fresh PostgreSQL database. Passes once JobHome.Storage registers AdoNet clustering and applies the schema
/// for <c>postgres</c>.
/// </summary>
public sealed class SiloPostgresTests : IAsyncLifetime
{
    private string? _connectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("jobhome_silo_test");

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task Start_PostgresFreshDatabase_BecomesReadyAndStopsGracefully()
    {
        using var silo = SiloProcess.Start("--JobHome:Storage=postgres", $"--ConnectionStrings:JobHome={_connectionString}");

        await silo.WaitUntilReadyAsync();
        using (var response = await silo.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        silo.Signal("TERM");
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }
}
