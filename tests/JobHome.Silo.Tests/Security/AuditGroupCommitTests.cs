using JobHome.Silo.Security.Audit;
using JobHome.Silo.Tests.Api;
using Microsoft.Data.Sqlite;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// The embedded audit log appends through the store's writer loop, so concurrent requests share transactions: the chain
/// must still continue record by record inside a batch, and every acknowledged write must have exactly one record.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AuditGroupCommitTests(SecuredSiloFixture fixture)
{
    [Fact]
    public async Task ConcurrentWrites_EachAuditedOnce_AndTheChainVerifies()
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        // 24 trees of 5 sites each, built at once: 120 audited writes racing into the writer's batches.
        var trees = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => admin.CreateTreeAsync()));

        var path = Path.Combine(fixture.Silo.DataDirectory, "jobhome.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT id, at_us, actor, role, address, action, target_id, site_code, site_path, reason, status, "
            + "prev_hash, hash FROM audit_log ORDER BY id";
        await using var reader = await read.ExecuteReaderAsync();
        var previous = string.Empty;
        var sitesAudited = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        while (await reader.ReadAsync())
        {
            var record = new AuditRecord(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1) / 1000),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetInt32(10), string.Empty);
            Assert.Equal(count == 0 ? null : previous, reader.IsDBNull(11) ? null : reader.GetString(11));
            var hash = reader.GetString(12);
            Assert.Equal(AuditChain.Hash(previous, record), hash);
            previous = hash;
            count++;
            if (record.Action == "POST /api/sites")
            {
                sitesAudited[record.TargetId] = sitesAudited.GetValueOrDefault(record.TargetId) + 1;
            }
        }

        foreach (var tree in trees)
        {
            foreach (var code in new[] { tree.Province, tree.City, tree.County, tree.Township, tree.Village })
            {
                Assert.True(sitesAudited.TryGetValue(code, out var times) && times == 1,
                    $"site {code}: {sitesAudited.GetValueOrDefault(code)} audit records, expected 1");
            }
        }
    }
}
