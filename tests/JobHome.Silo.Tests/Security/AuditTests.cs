using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobHome.Silo.Security.Audit;
using JobHome.Silo.Tests.Api;
using Microsoft.Data.Sqlite;

namespace JobHome.Silo.Tests.Security;

/// <summary>The audit log: what it records, who may read it, and that neither the API nor the database user can change it.</summary>
[Collection(SecurityCollection.Name)]
public sealed class AuditTests(SecuredSiloFixture fixture)
{
    private const string Password = "audit-password-1";

    [Fact]
    public async Task WritesAndReveal_AreRecordedWithWhoWhenWhereWhatWhy_ForTheSubtreesAuditor()
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        var tree = await admin.CreateTreeAsync();
        var other = await admin.CreateTreeAsync();
        var n = ApiDriver.Next();
        await fixture.CreateUserAsync($"op{n}", Password, "site", tree.Village);
        await fixture.CreateUserAsync($"aud{n}", Password, "auditor", tree.County);
        await fixture.CreateUserAsync($"audother{n}", Password, "auditor", other.County);
        using var op = fixture.WithToken(await fixture.TokenAsync($"op{n}", Password));
        var started = DateTimeOffset.UtcNow.AddSeconds(-5);

        var body = admin.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/seekers") { Content = JsonContent.Create(body) };
        register.Headers.Add("X-JobHome-Reason", "walk-in registration");
        using var registered = await op.SendAsync(register);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var seekerId = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var reveal = await op.PostAsJsonAsync($"/api/seekers/{seekerId}/reveal", new { reason = "社保卡办理核对身份" });
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        var revealed = JsonNode.Parse(await reveal.Content.ReadAsStringAsync())!;
        Assert.Equal(body["idNumber"], revealed["idNumber"]!.GetValue<string>());
        Assert.Equal("no-store", reveal.Headers.CacheControl?.ToString());
        using var noReason = await op.PostAsJsonAsync($"/api/seekers/{seekerId}/reveal", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        using var auditor = fixture.WithToken(await fixture.TokenAsync($"aud{n}", Password));
        var records = await ReadAsync(auditor, $"/api/audit?siteCode={tree.Village}&from={Uri.EscapeDataString(started.ToString("O"))}");
        var write = Assert.Single(records, r => r["action"]!.GetValue<string>() == "POST /api/seekers"
            && r["targetId"]!.GetValue<string>() == seekerId);
        Assert.Equal($"op{n}", write["actor"]!.GetValue<string>());
        Assert.Equal("site", write["role"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", write["address"]!.GetValue<string>());
        Assert.Equal("walk-in registration", write["reason"]!.GetValue<string>());
        Assert.Equal(201, write["status"]!.GetValue<int>());
        Assert.Equal(tree.Village, write["siteCode"]!.GetValue<string>());
        Assert.True(write["at"]!.GetValue<DateTimeOffset>() >= started);
        var revealRecord = Assert.Single(records, r => r["action"]!.GetValue<string>() == "POST /api/seekers/{id}/reveal");
        Assert.Equal("社保卡办理核对身份", revealRecord["reason"]!.GetValue<string>());
        Assert.Equal(revealed["auditId"]!.GetValue<long>(), revealRecord["id"]!.GetValue<long>());
        // Audit records carry no personal data: the full number is only in the reveal's answer.
        Assert.DoesNotContain(records, r => r.ToJsonString().Contains((string)body["idNumber"]!, StringComparison.Ordinal));

        // The other county's auditor sees none of it and cannot ask for it.
        using var otherAuditor = fixture.WithToken(await fixture.TokenAsync($"audother{n}", Password));
        using var outside = await otherAuditor.GetAsync(new Uri($"/api/audit?siteCode={tree.Village}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var own = await ReadAsync(otherAuditor, $"/api/audit?from={Uri.EscapeDataString(started.ToString("O"))}");
        Assert.DoesNotContain(own, r => r["targetId"]!.GetValue<string>() == seekerId);
        // The operator may not read the audit log at all.
        using var forbidden = await op.GetAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Api_HasNoPathThatChangesTheLog()
    {
        var before = await ReadAsync(fixture.Silo.Http, "/api/audit?limit=10000");
        Assert.NotEmpty(before);
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post })
        {
            using var request = new HttpRequestMessage(method, "/api/audit") { Content = JsonContent.Create(new { id = before[0]["id"] }) };
            using var response = await fixture.Silo.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} /api/audit: {(int)response.StatusCode}");
            using var one = new HttpRequestMessage(method, $"/api/audit/{before[0]["id"]}");
            using var oneResponse = await fixture.Silo.Http.SendAsync(one);
            Assert.True(oneResponse.StatusCode == HttpStatusCode.NotFound, $"{method} /api/audit/id: {(int)oneResponse.StatusCode}");
        }
        var after = await ReadAsync(fixture.Silo.Http, "/api/audit?limit=10000");
        Assert.Equal(before.Select(r => r.ToJsonString()), after.Take(before.Count).Select(r => r.ToJsonString()));
    }

    [Fact]
    public async Task SqliteFile_RefusesUpdateDeleteAndABrokenChain_AndTheChainVerifies()
    {
        await new ApiDriver(fixture.Silo.Http).CreateTreeAsync();
        var path = Path.Combine(fixture.Silo.DataDirectory, "jobhome.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "UPDATE audit_log SET actor = 'someone else' WHERE id = (SELECT max(id) FROM audit_log)",
            "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)",
            "INSERT INTO audit_log (at_us, actor, role, address, action, target_id, site_path, status, prev_hash, hash) "
                + "VALUES (0, 'x', 'admin', 'x', 'forged', 'x', '', 200, 'not-the-last-hash', 'x')",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("audit_log", error.Message, StringComparison.Ordinal);
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT id, at_us, actor, role, address, action, target_id, site_code, site_path, reason, status, prev_hash, hash "
            + "FROM audit_log ORDER BY id";
        await using var reader = await read.ExecuteReaderAsync();
        var previous = string.Empty;
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
        }
        Assert.True(count >= 5, $"only {count} audit records");
    }

    private static async Task<List<JsonNode>> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return [.. JsonNode.Parse(text)!["items"]!.AsArray().Select(r => r!)];
    }
}
