using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Reminders;
using Orleans;
using Orleans.Runtime;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>The reminder table contract Orleans' reminder service relies on, on the embedded file.</summary>
public sealed class SqliteReminderTableTests : IAsyncLifetime
{
    private readonly SqliteTestFile _file = new();
    private SqliteStore _store = null!;
    private SqliteReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _store = _file.OpenStore();
        _table = new SqliteReminderTable(_store);
        await _table.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task UpsertRow_NewThenUpdated_RoundTripsAndChangesTheEtag()
    {
        var grain = GrainId.Create("probe", "a");
        var start = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);
        var first = await _table.UpsertRow(Entry(grain, "daily", start, TimeSpan.FromDays(1)));
        var second = await _table.UpsertRow(Entry(grain, "daily", start.AddHours(1), TimeSpan.FromHours(12)));

        var row = await _table.ReadRow(grain, "daily");

        Assert.NotEqual(first, second);
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal(start.AddHours(1), row.StartAt);
        Assert.Equal(TimeSpan.FromHours(12), row.Period);
        Assert.Equal(second, row.ETag);
    }

    [Fact]
    public async Task RemoveRow_StaleEtag_ReturnsFalseAndKeepsTheRow()
    {
        var grain = GrainId.Create("probe", "b");
        var stale = await _table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        var current = await _table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(2)));

        Assert.False(await _table.RemoveRow(grain, "r", stale!));
        Assert.NotNull(await _table.ReadRow(grain, "r"));
        Assert.True(await _table.RemoveRow(grain, "r", current!));
        Assert.Null(await _table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task ReadRows_HashRange_ExcludesBeginIncludesEndAndWraps()
    {
        var grains = Enumerable.Range(0, 50).Select(i => GrainId.Create("probe", $"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var begin = hashes[10];
        var end = hashes[30];

        var inside = await _table.ReadRows(begin, end);
        var wrapped = await _table.ReadRows(end, begin);
        var all = await _table.ReadRows(begin, begin);

        Assert.Equal(hashes.Where(h => h > begin && h <= end), inside.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(hashes.Where(h => h > end || h <= begin), wrapped.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(50, all.Reminders.Count);
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        var a = GrainId.Create("probe", "a");
        var b = GrainId.Create("probe", "b");
        await _table.UpsertRow(Entry(a, "one", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(a, "two", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(b, "one", DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        var rows = await _table.ReadRows(a);

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start, Period = period };
}
