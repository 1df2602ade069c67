using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobHome.Domain.Employers;
using JobHome.Domain.People;

namespace JobHome.Dashboard.Tests;

/// <summary>
/// A small network loaded through the HTTP API: province → city → county → two townships → five villages, seekers
/// (employed, unemployed, long-term unemployed), an employer with posts, and a zero-employment household whose members'
/// status dates are back-dated so that it is overdue today (the silo has no test clock to move).
/// </summary>
internal sealed class TestNetwork(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _sequence;

    public const string Province = "W36";
    public const string City = "W3607";
    public const string County = "W360722";
    public const string TownshipA = "W360722100";
    public const string TownshipB = "W360722101";
    public const string VillageA1 = "W360722100201";

    /// <summary>Villages with their townships.</summary>
    public static readonly (string Code, string Name, string Township, double Lat, double Lon)[] Villages =
    [
        (VillageA1, "龙舌村就业之家", TownshipA, 25.40, 114.90),
        ("W360722100202", "长岭村就业之家", TownshipA, 25.43, 114.95),
        ("W360722100203", "新田村就业之家", TownshipA, 25.37, 114.87),
        ("W360722101201", "古陂村就业之家", TownshipB, 25.30, 115.02),
        ("W360722101202", "大桥村就业之家", TownshipB, 25.27, 115.06),
    ];

    /// <summary>Today in the server's zone.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>The overdue household's id.</summary>
    public string OverdueHousehold { get; private set; } = "";

    /// <summary>An employer at the county's first village.</summary>
    public string Employer { get; private set; } = "";

    /// <summary>A client of the silo at <paramref name="baseAddress"/> with a bearer token of the given account.</summary>
    public static async Task<TestNetwork> SignInAsync(Uri baseAddress, string username, string password)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { username, password }, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"POST /api/auth/token: {(int)response.StatusCode} {text}");
        }

        client.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", JsonNode.Parse(text)!["accessToken"]!.GetValue<string>());
        return new TestNetwork(client);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    /// <summary>Loads the network.</summary>
    public async Task LoadAsync()
    {
        await SiteAsync(Province, "江西省就业之家", "province", null, 27.6, 115.9);
        await SiteAsync(City, "赣州市就业之家", "city", Province, 25.8, 114.9);
        await SiteAsync(County, "信丰县就业之家", "county", City, 25.38, 114.92);
        await SiteAsync(TownshipA, "嘉定镇就业之家", "township", County, 25.39, 114.92);
        await SiteAsync(TownshipB, "古陂镇就业之家", "township", County, 25.29, 115.04);
        foreach (var v in Villages)
        {
            await SiteAsync(v.Code, v.Name, "village", v.Township, v.Lat, v.Lon);
        }

        var today = Today;
        for (var i = 0; i < Villages.Length; i++)
        {
            var village = Villages[i].Code;
            // Different mixes per village, so the children compare and the rates differ.
            for (var e = 0; e < 3 + i; e++)
            {
                await SeekerAsync(village, "employed", today.AddDays(-200));
            }

            for (var u = 0; u < 1 + (i % 3); u++)
            {
                await SeekerAsync(village, "unemployed", today.AddDays(-20));
            }
        }

        // Long-term unemployed without follow-up (an alert) at the second village.
        await SeekerAsync(Villages[1].Code, "unemployed", today.AddDays(-150));

        // Zero-employment household: both members unemployed since four months ago, so overdue today.
        var since = today.AddMonths(-4);
        var a = await SeekerAsync(Villages[3].Code, "unemployed", since);
        var b = await SeekerAsync(Villages[3].Code, "unemployed", since);
        var household = await PostAsync("/api/households", new { siteCode = Villages[3].Code, memberIds = new[] { a, b } });
        OverdueHousehold = household["id"]!.GetValue<string>();

        Employer = await EmployerAsync(VillageA1);
        await PostOpeningAsync(VillageA1, Employer, "装配工", "6-25", 10);
        await PostOpeningAsync(Villages[3].Code, Employer, "仓库管理员", "4-02", 3);

        // Changes climb the tree over streams and 500 ms timers: wait until the province counts everything loaded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonNode province;
        do
        {
            province = await GetAsync($"/api/indicators/{Province}");
            if (province["labourForce"]!.GetValue<int>() == LabourForce && province["openings"]!.GetValue<int>() == 13)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"the province never counted the loaded network: {province}");
    }

    /// <summary>Seekers in the labour force loaded by <see cref="LoadAsync"/>: 25 employed, 9 + 1 + 2 unemployed.</summary>
    public const int LabourForce = 37;

    /// <summary>
    /// Asks once for everything the site page of <paramref name="code"/> loads, so the page-load measurement sees a
    /// running server (compiled endpoints, active grains) as an operator does, not the first call after start.
    /// </summary>
    public async Task WarmAsync(string code)
    {
        string[] paths =
        [
            $"/api/sites/{code}", $"/api/sites/{code}/path", $"/api/indicators/{code}", $"/api/sites/{code}/children/indicators",
            $"/api/indicators/{code}/history", $"/api/sites/{code}/occupations", $"/api/sites/{code}/map",
            $"/api/sites/{code}/alerts", $"/api/sites/{code}/card", "/", "/api/sites/search?q=%E5%B0%B1%E4%B8%9A&limit=1",
        ];
        foreach (var path in paths)
        {
            await GetTextAsync(path);
        }
    }

    private async Task GetTextAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Registers a seeker; returns its id.</summary>
    public async Task<string> SeekerAsync(string siteCode, string status, DateOnly since)
    {
        var n = Interlocked.Increment(ref _sequence);
        // Odd sequence numbers: the body says gender M, which must agree with the number.
        var id = IdCardNumber.Create("360722", new DateOnly(1975, 1, 1).AddDays(n * 37), (2 * n) + 1);
        var body = await PostAsync("/api/seekers", new Dictionary<string, object?>
        {
            ["siteCode"] = siteCode,
            ["name"] = n % 2 == 0 ? "李四" : "张三",
            ["idNumber"] = id.RevealFullNumber(),
            ["phone"] = string.Create(CultureInfo.InvariantCulture, $"139{n:00000000}"),
            ["birthDate"] = id.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["gender"] = "M",
            ["education"] = "senior",
            ["occupations"] = new[] { n % 2 == 0 ? "4-02" : "6-25" },
            ["skills"] = new[] { "driving" },
            ["expectedPayMin"] = 2500,
            ["lat"] = 25.38,
            ["lon"] = 114.92,
            ["rural"] = true,
            ["availability"] = new[] { "full_time" },
            ["keyGroups"] = Array.Empty<string>(),
            ["status"] = status,
            ["statusSince"] = since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        return body["id"]!.GetValue<string>();
    }

    /// <summary>Registers an employer; returns its credit code.</summary>
    public async Task<string> EmployerAsync(string siteCode)
    {
        var n = Interlocked.Increment(ref _sequence);
        var code = UnifiedSocialCreditCode.Create(string.Create(CultureInfo.InvariantCulture, $"91360722MA35{n:00000}")).ToString();
        await PostAsync("/api/employers", new { creditCode = code, name = "信丰电子厂", siteCode });
        return code;
    }

    /// <summary>Opens a post; returns its id.</summary>
    public async Task<string> PostOpeningAsync(string siteCode, string employer, string title, string occupation, int openings)
    {
        var body = await PostAsync("/api/posts", new
        {
            siteCode, employerCode = employer, title, occupation, openings, payMin = 2500, payMax = 4500,
            lat = 25.38, lon = 114.92, kind = "full_time", minEducation = "junior", ageMin = 18, ageMax = 60,
            skills = Array.Empty<string>(),
        });
        return body["id"]!.GetValue<string>();
    }

    /// <summary>POSTs JSON; fails the test unless 2xx; returns the body.</summary>
    public async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }

    /// <summary>GETs JSON; fails the test unless 200.</summary>
    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }

    private async Task SiteAsync(string code, string name, string kind, string? parent, double lat, double lon) =>
        await PostAsync("/api/sites", new { code, name, kind, parentCode = parent, lat, lon, rural = kind == "village" });
}
