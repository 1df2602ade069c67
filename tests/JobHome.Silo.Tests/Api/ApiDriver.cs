using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobHome.Domain.Employers;
using JobHome.Domain.People;

namespace JobHome.Silo.Tests.Api;

/// <summary>
/// Drives the HTTP API of a running silo: unique site trees, valid ID numbers and credit codes, and a record of every
/// response body so a test can assert that no full ID number or phone ever came back.
/// </summary>
internal sealed class ApiDriver(HttpClient http)
{
    private static int _counter;
    private readonly List<string> _personalData = [];
    private readonly List<string> _bodies = [];

    /// <summary>The client.</summary>
    public HttpClient Http => http;

    /// <summary>Today in the server's zone (Asia/Shanghai).</summary>
    public static DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>A number unique within the test run.</summary>
    public static int Next() => Interlocked.Increment(ref _counter);

    /// <summary>A valid ID number of a man no other test uses (region 360722, sequence and birth date from the counter).</summary>
    public static string NewIdNumber()
    {
        var n = Next();
        // Odd sequences: the bodies say gender M, which must agree with the number.
        return IdCardNumber.Create("360722", new DateOnly(1980, 1, 1).AddDays(n / 499), (2 * (n % 499)) + 1).RevealFullNumber();
    }

    /// <summary>A valid unified social credit code no other test uses.</summary>
    public static string NewCreditCode() =>
        UnifiedSocialCreditCode.Create(string.Create(CultureInfo.InvariantCulture, $"91360722MA35{Next():00000}")).ToString();

    /// <summary>Sends a request and remembers the body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path,
        object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json")
                : JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        lock (_bodies)
        {
            _bodies.Add(text);
        }
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>POST with a JSON body.</summary>
    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, object? body) =>
        SendAsync(HttpMethod.Post, path, body);

    /// <summary>GET.</summary>
    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string path) =>
        SendAsync(HttpMethod.Get, path);

    /// <summary>Registers a province → city → county → township → village tree with fresh codes.</summary>
    public async Task<SiteTree> CreateTreeAsync()
    {
        var p = string.Create(CultureInfo.InvariantCulture, $"T{Next()}");
        var tree = new SiteTree(p, p + "-C", p + "-C-X", p + "-C-X-T", p + "-C-X-T-V");
        await CreateSiteAsync(tree.Province, "江西省就业之家", "province", null);
        await CreateSiteAsync(tree.City, "赣州市就业之家", "city", tree.Province);
        await CreateSiteAsync(tree.County, "信丰县就业之家", "county", tree.City);
        await CreateSiteAsync(tree.Township, "嘉定镇就业之家", "township", tree.County);
        await CreateSiteAsync(tree.Village, "龙舌村就业之家", "village", tree.Township);
        return tree;
    }

    /// <summary>Registers one site; asserts 201.</summary>
    public async Task CreateSiteAsync(string code, string name, string kind, string? parent)
    {
        var (status, body, _) = await PostAsync("/api/sites",
            new { code, name, kind, parentCode = parent, lat = 25.38, lon = 114.92, rural = true });
        Assert.True(status == HttpStatusCode.Created, $"site {code}: {status} {body}");
    }

    /// <summary>A valid seeker registration body (remembered as personal data to look for in responses).</summary>
    public Dictionary<string, object?> SeekerBody(string siteCode, string status, DateOnly since, params string[] keyGroups)
    {
        var idNumber = NewIdNumber();
        var phone = string.Create(CultureInfo.InvariantCulture, $"139{Next():00000000}");
        lock (_personalData)
        {
            _personalData.Add(idNumber);
            _personalData.Add(phone);
        }
        return new Dictionary<string, object?>
        {
            ["siteCode"] = siteCode,
            ["name"] = "张三",
            ["idNumber"] = idNumber,
            ["phone"] = phone,
            ["birthDate"] = IdCardNumber.Parse(idNumber).BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["gender"] = "M",
            ["education"] = "senior",
            ["occupations"] = new[] { "4-01" },
            ["skills"] = new[] { "driving" },
            ["expectedPayMin"] = 3000,
            ["lat"] = 25.38,
            ["lon"] = 114.92,
            ["rural"] = true,
            ["availability"] = new[] { "full_time", "public_welfare" },
            ["keyGroups"] = keyGroups,
            ["status"] = status,
            ["statusSince"] = since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Registers a seeker; asserts 201 and returns the id.</summary>
    public async Task<string> RegisterSeekerAsync(string siteCode, string status, DateOnly since, params string[] keyGroups)
    {
        var (code, body, _) = await PostAsync("/api/seekers", SeekerBody(siteCode, status, since, keyGroups));
        Assert.True(code == HttpStatusCode.Created, $"seeker: {code} {body}");
        return body!["id"]!.GetValue<string>();
    }

    /// <summary>Registers an employer at <paramref name="siteCode"/>; returns its credit code.</summary>
    public async Task<string> RegisterEmployerAsync(string siteCode)
    {
        var creditCode = NewCreditCode();
        var (code, body, _) = await PostAsync("/api/employers", new { creditCode, name = "信丰电子厂", siteCode });
        Assert.True(code == HttpStatusCode.Created, $"employer: {code} {body}");
        return creditCode;
    }

    /// <summary>Opens a post with <paramref name="openings"/>; returns its id.</summary>
    public async Task<string> OpenPostAsync(string siteCode, string employerCode, int openings, string kind = "full_time")
    {
        var (code, body, _) = await PostAsync("/api/posts", new
        {
            siteCode,
            employerCode,
            title = "装配工",
            occupation = "6-25",
            openings,
            payMin = 3000,
            payMax = 5000,
            lat = 25.38,
            lon = 114.92,
            kind,
            minEducation = "junior",
            ageMin = 18,
            ageMax = 55,
            skills = Array.Empty<string>(),
        });
        Assert.True(code == HttpStatusCode.Created, $"post: {code} {body}");
        return body!["id"]!.GetValue<string>();
    }

    /// <summary>Asserts that no response so far held a full ID number or phone given in a request.</summary>
    public void AssertNoPersonalDataReturned()
    {
        string[] bodies;
        string[] secrets;
        lock (_bodies)
        {
            bodies = [.. _bodies];
        }
        lock (_personalData)
        {
            secrets = [.. _personalData];
        }
        Assert.NotEmpty(bodies);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(bodies, body => body.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>The <c>field</c> of each error in a problem body.</summary>
    public static string[] ErrorFields(JsonNode? problem) =>
        [.. problem!["errors"]!.AsArray().Select(error => error!["field"]!.GetValue<string>())];
}
