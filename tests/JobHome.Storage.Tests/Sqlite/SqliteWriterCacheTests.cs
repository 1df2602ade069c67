using System.Buffers.Binary;
using JobHome.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The writer connection's page cache follows the file's size: <see cref="SqliteStoreOptions.SmallFileWriterCacheKib"/>
/// while the file is under 1 GiB (where a commit after a page split walks the whole cache), the configured
/// <see cref="SqliteStoreOptions.WriterCacheKib"/> once the file holds SQLite's lock-byte page. The 1-GiB files here are
/// sparse: a database file whose header does not vouch for its page count (the pre-3.7.0 layout) counts its pages from the
/// file's length, and pages SQLite never wrote take no disk.
/// </summary>
public sealed class SqliteWriterCacheTests : IDisposable
{
    private const int Small = 2_048;
    private const int Large = 8_192;
    private const long LockByteOffset = 0x40000000;
    private readonly SqliteTestFile _file = new();

    [Fact]
    public async Task StartAsync_NewFile_SmallFilesCache()
    {
        await using var store = Open();
        await store.StartAsync();

        Assert.Equal(Small, store.WriterCacheKib);
    }

    [Fact]
    public async Task StartAsync_SmallCacheLargerThanTheConfiguredOne_TheConfiguredOne()
    {
        await using var store = new SqliteStore(
            new SqliteStoreOptions { Path = _file.Path, SmallFileWriterCacheKib = Large, WriterCacheKib = Small },
            TimeProvider.System, NullLogger<SqliteStore>.Instance);
        await store.StartAsync();

        Assert.Equal(Small, store.WriterCacheKib);
    }

    [Fact]
    public async Task StartAsync_FileHoldsTheLockBytePage_ConfiguredCache()
    {
        var pageSize = await CreateAsync();
        Grow(pageSize, (LockByteOffset / pageSize) + 2);

        await using var store = Open();
        await store.StartAsync();

        Assert.Equal(Large, store.WriterCacheKib);
        Assert.True(PageCount() > LockByteOffset / pageSize);
    }

    [Fact]
    public async Task Commits_FileGrowsPastTheLockBytePage_ConfiguredCacheFromTheNextCheck()
    {
        var pageSize = await CreateAsync();
        // Two pages short of the lock-byte page: the rows below add more than that.
        Grow(pageSize, (LockByteOffset / pageSize) - 2);
        await using var store = Open();
        await store.StartAsync();
        Assert.Equal(Small, store.WriterCacheKib);

        // 300 commits one after another (at least one size check, every 256 commits), each a row of a page's size.
        var payload = new byte[pageSize];
        for (var i = 0; i < 300; i++)
        {
            await store.WriteAsync(context =>
            {
                using var command = context.Command("INSERT INTO cache_probe (body) VALUES ($body)");
                command.Parameters.AddWithValue("$body", payload);
                return command.ExecuteNonQuery();
            });
        }

        Assert.True(PageCount() > LockByteOffset / pageSize, $"the file has {PageCount()} pages");
        Assert.Equal(Large, store.WriterCacheKib);
        Assert.Equal(300, _file.Scalar("SELECT count(*) FROM cache_probe"));
    }

    public void Dispose() => _file.Dispose();

    private SqliteStore Open() => new(
        new SqliteStoreOptions { Path = _file.Path, SmallFileWriterCacheKib = Small, WriterCacheKib = Large },
        TimeProvider.System, NullLogger<SqliteStore>.Instance);

    // Creates the store's file with a probe table, closed and checkpointed (no WAL left); returns its page size.
    private async Task<long> CreateAsync()
    {
        await using (var store = Open())
        {
            await store.StartAsync();
            await store.WriteAsync(context =>
            {
                using var command = context.Command("CREATE TABLE cache_probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
                return command.ExecuteNonQuery();
            });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(_file.Path + "-wal") && new FileInfo(_file.Path + "-wal").Length > 0, "the WAL was not checkpointed");
        return _file.Scalar("PRAGMA page_size");
    }

    // Extends the closed file to `pages` pages (sparse) and makes its header not vouch for its own page count (the
    // "version-valid-for" number at offset 92 no longer equals the change counter at 24), so SQLite counts the pages from
    // the file's length.
    private void Grow(long pageSize, long pages)
    {
        using var stream = new FileStream(_file.Path, FileMode.Open, FileAccess.ReadWrite);
        var header = new byte[100];
        stream.ReadExactly(header);
        var counter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(92), counter + 1);
        stream.Position = 0;
        stream.Write(header);
        stream.SetLength(pageSize * pages);
    }

    private long PageCount() => _file.Scalar("PRAGMA page_count");
}
