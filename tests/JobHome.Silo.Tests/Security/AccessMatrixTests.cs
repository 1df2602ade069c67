using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Side = JobHome.Silo.Tests.Security.SecurityWorld.Side;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// Every role × every endpoint × (inside the account's subtree, outside it) → the expected answer, from one table. The
/// endpoints are read from the silo's OpenAPI document: an endpoint without a row fails the test, so a new endpoint
/// cannot ship without its rule.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AccessMatrixTests(SecuredSiloFixture fixture)
{
    // Expectations per role, in the order of SecurityWorld.Roles: province city county township site fair_organiser auditor
    // admin. A = allowed (2xx, or 400/409 from the endpoint's own checks), F = 403, H = 404 (hidden outside the subtree),
    // N = 404 for everyone (not configured).
    private const string All = "AAAAAAAA";
    private const string AdminOnly = "FFFFFFFA";
    private const string Writers = "AAAAAFFA";
    private const string WritersOutsidePersonal = "HHHHHFFA";
    private const string ReadersOutside = "HHHHHHHA";

    private const string LogoutKey = "POST /api/auth/logout";

    private static readonly Row[] Table =
    [
        new("POST", "/api/auth/login", (_, _) => "/api/auth/login", (_, _) => new { }, All, All),
        new("POST", "/api/auth/token", (_, _) => "/api/auth/token", (_, _) => new { }, All, All),
        new("POST", "/api/auth/logout", (_, _) => "/api/auth/logout", null, All, All),
        new("GET", "/api/auth/me", (_, _) => "/api/auth/me", null, All, All),
        new("POST", "/api/auth/keys/rotate", (_, _) => "/api/auth/keys/rotate", null, AdminOnly, AdminOnly),
        new("GET", "/api/auth/oidc/login", (_, _) => "/api/auth/oidc/login", null, "NNNNNNNN", "NNNNNNNN"),
        new("POST", "/api/users", (_, _) => "/api/users", (_, _) => new { username = "x", password = "short" }, AdminOnly, AdminOnly),
        new("GET", "/api/users", (_, _) => "/api/users", null, AdminOnly, AdminOnly),
        new("POST", "/api/users/{username}/disable", (_, w) => $"/api/users/{w.Victim}/disable", null, AdminOnly, AdminOnly),
        new("POST", "/api/users/{username}/password", (_, w) => $"/api/users/{w.Victim}/password",
            (_, _) => new { password = SecurityWorld.Password }, AdminOnly, AdminOnly),
        new("POST", "/api/users/me/password", (_, _) => "/api/users/me/password",
            (_, _) => new { currentPassword = "wrong", newPassword = "short" }, All, All),
        new("GET", "/api/audit", (s, _) => $"/api/audit?siteCode={s.Tree.County}", null, "FFFFFFAA", "FFFFFFHA"),
        new("POST", "/api/seekers/{id}/reveal", (s, _) => $"/api/seekers/{s.Seeker}/reveal", (_, _) => new { reason = "matrix check" },
            "FFFAAFFF", "FFFHHFFF"),
        new("POST", "/api/sites", (_, _) => "/api/sites", (s, _) => new
        {
            code = s.Tree.Village + "-Z", name = string.Empty, kind = "village", parentCode = s.Tree.Village, lat = 25.0, lon = 114.0,
            rural = true,
        }, Writers, AdminOnly),
        new("PUT", "/api/sites/{code}", (s, _) => $"/api/sites/{s.Tree.Village}", (s, _) => new { code = s.Tree.Village,
            name = string.Empty },
            Writers, AdminOnly),
        new("GET", "/api/sites/{code}", (s, _) => $"/api/sites/{s.Tree.Village}", null, All, All),
        new("GET", "/api/sites/{code}/children", (s, _) => $"/api/sites/{s.Tree.Village}/children", null, All, All),
        new("GET", "/api/sites/{code}/alerts", (s, _) => $"/api/sites/{s.Tree.Village}/alerts", null, All, ReadersOutside),
        new("POST", "/api/seekers", (_, _) => "/api/seekers", (s, _) => new { siteCode = s.Tree.Village, name = string.Empty },
            Writers, WritersOutsidePersonal),
        new("PUT", "/api/seekers/{id}", (s, _) => $"/api/seekers/{s.Seeker}", (s, _) => new { siteCode = s.Tree.Village },
            Writers, WritersOutsidePersonal),
        new("DELETE", "/api/seekers/{id}", (s, _) => $"/api/seekers/{s.Seeker}?reason=bogus", null, Writers, WritersOutsidePersonal),
        new("GET", "/api/seekers/{id}", (s, _) => $"/api/seekers/{s.Seeker}", null, All, ReadersOutside),
        new("GET", "/api/seekers", (s, _) => $"/api/seekers?siteCode={s.Tree.Village}", null, All, ReadersOutside),
        new("POST", "/api/seekers/search", (_, _) => "/api/seekers/search", (s, _) => new { siteCode = s.Tree.Village, q = "张" },
            All, ReadersOutside),
        new("POST", "/api/seekers/{id}/followups", (s, _) => $"/api/seekers/{s.Seeker}/followups", (_, _) => new { },
            Writers, WritersOutsidePersonal),
        new("GET", "/api/seekers/{id}/recommendations", (s, _) => $"/api/seekers/{s.Seeker}/recommendations", null, All, ReadersOutside),
        new("POST", "/api/employers", (_, _) => "/api/employers", (s, _) => new { creditCode = "bad", name = string.Empty,
            siteCode = s.Tree.Village },
            Writers, AdminOnly),
        new("PUT", "/api/employers/{creditCode}", (s, _) => $"/api/employers/{s.Employer}",
            (s, _) => new { creditCode = s.Employer, name = string.Empty, siteCode = s.Tree.Village }, Writers, AdminOnly),
        new("GET", "/api/employers/{creditCode}", (s, _) => $"/api/employers/{s.Employer}", null, All, All),
        new("POST", "/api/posts", (_, _) => "/api/posts", (s, _) => new { siteCode = s.Tree.Village, employerCode = s.Employer,
            title = string.Empty },
            Writers, AdminOnly),
        new("PUT", "/api/posts/{id}", (s, _) => $"/api/posts/{s.Post}",
            (s, _) => new { siteCode = s.Tree.Village, employerCode = s.Employer, title = string.Empty }, Writers, AdminOnly),
        new("POST", "/api/posts/{id}/close", (s, _) => $"/api/posts/{s.Post}/close", null, Writers, AdminOnly),
        new("GET", "/api/posts/{id}", (s, _) => $"/api/posts/{s.Post}", null, All, All),
        new("GET", "/api/posts/{id}/candidates", (s, _) => $"/api/posts/{s.Post}/candidates", null, All, ReadersOutside),
        new("GET", "/api/matching/model", (_, _) => "/api/matching/model", null, All, All),
        new("POST", "/api/households", (_, _) => "/api/households", (s, _) => new { siteCode = s.Tree.Village,
            memberIds = new[] { s.PlacedSeeker } },
            Writers, WritersOutsidePersonal),
        new("PUT", "/api/households/{id}", (s, _) => $"/api/households/{s.Household}",
            (s, _) => new { siteCode = s.Tree.Village, memberIds = new[] { s.PlacedSeeker } }, Writers, WritersOutsidePersonal),
        new("GET", "/api/households/{id}", (s, _) => $"/api/households/{s.Household}", null, All, ReadersOutside),
        new("POST", "/api/placements", (_, _) => "/api/placements", (s, _) => new { seekerId = s.Seeker, postId = s.Post,
            date = "not-a-date" },
            Writers, WritersOutsidePersonal),
        new("POST", "/api/placements/{id}/end", (s, _) => $"/api/placements/{s.Placement}/end", (_, _) => new { date = "not-a-date" },
            Writers, WritersOutsidePersonal),
        new("GET", "/api/placements/{id}", (s, _) => $"/api/placements/{s.Placement}", null, All, ReadersOutside),
        new("POST", "/api/import/sites", (_, _) => "/api/import/sites", (_, _) => Array.Empty<object>(), AdminOnly, AdminOnly),
        new("POST", "/api/import/employers", (_, _) => "/api/import/employers", (_, _) => Array.Empty<object>(), AdminOnly, AdminOnly),
        new("POST", "/api/import/seekers", (_, _) => "/api/import/seekers", (_, _) => Array.Empty<object>(), AdminOnly, AdminOnly),
        new("POST", "/api/import/households", (_, _) => "/api/import/households", (_, _) => Array.Empty<object>(), AdminOnly, AdminOnly),
        new("POST", "/api/import/posts", (_, _) => "/api/import/posts", (_, _) => Array.Empty<object>(), AdminOnly, AdminOnly),
        new("POST", "/api/import/bulk/seekers", (_, _) => "/api/import/bulk/seekers", (_, _) => Array.Empty<object>(), AdminOnly,
            AdminOnly),
        new("POST", "/api/import/bulk/households", (_, _) => "/api/import/bulk/households", (_, _) => Array.Empty<object>(), AdminOnly,
            AdminOnly),
        new("POST", "/api/import/bulk/posts", (_, _) => "/api/import/bulk/posts", (_, _) => Array.Empty<object>(), AdminOnly,
            AdminOnly),
        new("GET", "/api/indicators/{siteCode}", (s, _) => $"/api/indicators/{s.Tree.Village}", null, All, All),
        new("GET", "/api/indicators/{siteCode}/history", (s, _) => $"/api/indicators/{s.Tree.Village}/history", null, All, All),
        new("GET", "/api/indicators/{siteCode}/live", (s, _) => $"/api/indicators/{s.Tree.Village}/live", null, All, All),
        new("POST", "/api/indicators/{siteCode}/recount", (s, _) => $"/api/indicators/{s.Tree.Village}/recount", null,
            Writers, AdminOnly),
        new("GET", "/api/sites/search", (s, _) => $"/api/sites/search?q={s.Tree.Village}&limit=20", null, All, All),
        new("PUT", "/api/sites/{code}/assessment", (s, _) => $"/api/sites/{s.Tree.Village}/assessment", (_, _) => new { },
            Writers, AdminOnly),
        new("GET", "/api/sites/{code}/path", (s, _) => $"/api/sites/{s.Tree.Village}/path", null, All, All),
        new("GET", "/api/sites/{code}/card", (s, _) => $"/api/sites/{s.Tree.Village}/card", null, All, All),
        new("GET", "/api/sites/{code}/children/indicators", (s, _) => $"/api/sites/{s.Tree.Township}/children/indicators", null, All, All),
        new("GET", "/api/sites/{code}/map", (s, _) => $"/api/sites/{s.Tree.Village}/map", null, All, All),
        new("GET", "/api/sites/{code}/occupations", (s, _) => $"/api/sites/{s.Tree.Village}/occupations", null, All, All),
        new("GET", "/api/sites/{code}/export", (s, _) => $"/api/sites/{s.Tree.Village}/export?format=csv&part=children", null,
            All, ReadersOutside),
        new("GET", "/api/seekers/{id}/history", (s, _) => $"/api/seekers/{s.Seeker}/history", null, All, ReadersOutside),
        new("POST", "/api/fairs", (_, _) => "/api/fairs", (s, _) => new { siteCode = s.Tree.Village, objective = "bogus", mode = "bogus" },
            "AAAAAAFA", "HHHHHHFA"),
        new("GET", "/api/fairs/{id}", (_, _) => "/api/fairs/no-such-fair", null, "NNNNNNNN", "NNNNNNNN"),
        new("GET", "/api/fairs/{id}/assignment.csv", (_, _) => "/api/fairs/no-such-fair/assignment.csv", null, "NNNNNNNN", "NNNNNNNN"),
        new("GET", "/api/fairs/{id}/recommendations.csv", (_, _) => "/api/fairs/no-such-fair/recommendations.csv", null,
            "NNNNNNNN", "NNNNNNNN"),
    ];

    [Fact]
    public async Task EveryEndpoint_HasARowInTheTable()
    {
        var endpoints = await ServedEndpointsAsync();
        var rows = Table.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = endpoints.Except(rows).Order(StringComparer.Ordinal).ToArray();
        var stale = rows.Except(endpoints).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "Endpoints without a row in the access matrix (add one): " + string.Join(", ", missing));
        Assert.True(stale.Length == 0, "Rows for endpoints the silo does not serve: " + string.Join(", ", stale));
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} endpoints in the OpenAPI document");
    }

    [Fact]
    public async Task EveryRoleOnEveryEndpoint_InsideAndOutside_GetsTheExpectedAnswer()
    {
        var served = await ServedEndpointsAsync();
        var table = Table;
        var world = await SecurityWorld.CreateAsync(fixture);
        var failures = new List<string>();
        var checkedCells = 0;
        // Roles run in parallel; within a role the rows run in table order.
        var perRole = await Task.WhenAll(SecurityWorld.Roles.Select((role, index) => RunRoleAsync(table, world, role, index)));
        foreach (var (cells, roleFailures) in perRole)
        {
            checkedCells += cells;
            failures.AddRange(roleFailures);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCells} cells differ:\n" + string.Join("\n", failures));
        Assert.Equal(table.Length * SecurityWorld.Roles.Length * 2, checkedCells);
    }

    [Fact]
    public async Task NoToken_EveryApiEndpoint_Answers401()
    {
        var world = await SecurityWorld.CreateAsync(fixture);
        using var client = fixture.Anonymous();
        foreach (var row in Table.Where(r => !r.Path.StartsWith("/api/auth/", StringComparison.Ordinal) || r.Path == "/api/auth/me"
            || r.Path == "/api/auth/keys/rotate"))
        {
            var status = await SendAsync(client, row, world.Inside, world);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{row.Method} {row.Path} without a token: {(int)status}");
        }
        foreach (var path in new[] { "/orleans/", "/api-docs/", "/openapi/v1.json", "/metrics" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} without a token: {(int)response.StatusCode}");
        }
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task OperatorPages_AreForAdminOnly()
    {
        var world = await SecurityWorld.CreateAsync(fixture);
        foreach (var role in SecurityWorld.Roles)
        {
            using var client = fixture.WithToken(world.Tokens[role]);
            foreach (var path in new[] { "/orleans/", "/api-docs/", "/openapi/v1.json", "/metrics" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var expected = role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                Assert.True(response.StatusCode == expected, $"{role} {path}: {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>Every <c>METHOD /path</c> of the silo's OpenAPI document.</summary>
    private async Task<HashSet<string>> ServedEndpointsAsync()
    {
        using var response = await fixture.Silo.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    private async Task<(int Cells, List<string> Failures)> RunRoleAsync(Row[] table, SecurityWorld world, string role, int index)
    {
        var failures = new List<string>();
        var cells = 0;
        using var client = fixture.WithToken(world.Tokens[role]);
        foreach (var row in table)
        {
            foreach (var (side, name, expected) in new[] { (world.Inside, "inside", row.Inside), (world.Outside, "outside", row.Outside) })
            {
                cells++;
                HttpStatusCode status;
                if (row.Key == LogoutKey)
                {
                    // Logout signs out the token it is sent with: a throwaway token of the role's account, not the one of the matrix.
                    var password = role == "admin" ? Fixtures.SiloProcess.AdminPassword : SecurityWorld.Password;
                    using var throwaway = fixture.WithToken(await fixture.TokenAsync(world.Names[role], password));
                    status = await SendAsync(throwaway, row, side, world);
                }
                else
                {
                    status = await SendAsync(client, row, side, world);
                }
                if (!Matches(expected[index], status))
                {
                    failures.Add($"{role,-14} {name,-7} {row.Method} {row.Path}: expected {expected[index]}, got {(int)status}");
                }
            }
        }
        return (cells, failures);
    }

    private static bool Matches(char expected, HttpStatusCode status) => expected switch
    {
        'A' => (int)status is >= 200 and < 300 or 400 or 409,
        'F' => status == HttpStatusCode.Forbidden,
        'H' or 'N' => status == HttpStatusCode.NotFound,
        _ => false,
    };

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Row row, Side side, SecurityWorld world)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(row.Url(side, world), UriKind.Relative));
        if (row.Body is not null)
        {
            request.Content = JsonContent.Create(row.Body(side, world), options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        // Headers only: the live feed never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private sealed record Row(string Method, string Path, Func<Side, SecurityWorld, string> Url, Func<Side, SecurityWorld, object>? Body,
        string Inside, string Outside)
    {
        /// <summary><c>METHOD /path</c> as in the OpenAPI document.</summary>
        public string Key => $"{Method} {Path}";
    }
}
