using JobHome.Actors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Hosting;

/// <summary>SQLite start: creates what is missing, fails clearly on what is not a database.</summary>
public sealed class SqliteStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobhome-sqlite-start-").FullName;

    [Fact]
    public async Task InitializeAsync_FileIsNotADatabase_FailsNamingTheFile()
    {
        var path = Path.Combine(_folder, "not-a-db.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));
        await using var services = new ServiceCollection().AddJobHomeSqliteStorage($"Data Source={path}").BuildServiceProvider();

        var error = await Assert.ThrowsAsync<AdoNetStorageException>(
            () => services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_FolderMissing_CreatesFileInWalMode()
    {
        var path = Path.Combine(_folder, "data", "nested", "jobhome.db");
        await using var services = new ServiceCollection().AddJobHomeSqliteStorage($"Data Source={path}").BuildServiceProvider();

        await services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        var fixture = new Fixtures.SqliteStorageFixture();
        Assert.Equal(1, await fixture.QueryScalarAsync($"Data Source={path}", "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"));
        await fixture.DisposeAsync();
    }

    [Fact]
    public void AddJobHomeSqliteStorage_InMemoryDatabase_IsRejectedAtStart()
    {
        var services = new ServiceCollection().AddJobHomeSqliteStorage("Data Source=:memory:").BuildServiceProvider();

        var error = Assert.Throws<AdoNetStorageException>(() => services.GetRequiredService<IGrainStorage>());

        Assert.Contains("needs a database file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddJobHomeSqliteStorage_FromConfiguration_UsesNamedConnectionString()
    {
        var path = Path.Combine(_folder, "configured.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:JobHome"] = $"Data Source={path}" })
            .Build();
        await using var services = new ServiceCollection().AddJobHomeSqliteStorage(configuration).BuildServiceProvider();

        await services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        await services.GetRequiredService<IGrainStorage>().WriteAsync(new GrainStateKey("T", "1", "s"), new byte[] { 1 }, null, CancellationToken.None);

        Assert.True(File.Exists(path));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
