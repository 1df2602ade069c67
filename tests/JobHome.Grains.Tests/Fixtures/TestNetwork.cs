using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Sites;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>Builds a small site tree and registers seekers, employers and posts with ids unique to the test run.</summary>
public sealed class TestNetwork(ClusterFixture fixture)
{
    /// <summary>The village every record is registered at.</summary>
    public const string Village = "V3607220101";

    /// <summary>Its township.</summary>
    public const string Township = "T36072201";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, int> Sequences = new();
    private static int _next;

    /// <summary>The grain factory.</summary>
    public IClusterClient Client => fixture.Client;

    /// <summary>A fresh id with <paramref name="prefix"/>.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next):D5}";

    /// <summary>Registers province → city → county → township → village (idempotent).</summary>
    public async Task EnsureSitesAsync()
    {
        SiteProfile[] sites =
        [
            new("P36", "江西省就业之家", SiteKind.Province, null, 28.68, 115.86, false),
            new("C3607", "赣州市就业之家", SiteKind.City, "P36", 25.83, 114.93, false),
            new("X360722", "信丰县就业之家", SiteKind.County, "C3607", 25.39, 114.92, false),
            new(Township, "嘉定镇就业之家", SiteKind.Township, "X360722", 25.38, 114.93, false),
            new(Village, "花园村就业之家", SiteKind.Village, Township, 25.37, 114.94, true),
        ];
        foreach (var site in sites)
        {
            var result = await Client.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }
    }

    /// <summary>A valid registration with a fresh ID number for a person born on <paramref name="birth"/>.</summary>
    public static SeekerRegistration Registration(DateOnly birth, LabourStatus status, DateOnly since, KeyGroups groups = KeyGroups.None)
    {
        var idCard = IdCardNumber.Create("360722", birth, Sequences.AddOrUpdate(birth, 1, (_, n) => n + 1));
        return new SeekerRegistration(Village, "王小明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior, status, since)
        {
            Phone = "13812345678",
            Occupations = ["4-01-01-01"],
            Lat = 25.37,
            Lon = 114.94,
            Rural = true,
            KeyGroups = groups,
        };
    }

    /// <summary>Registers a seeker (at <paramref name="siteCode"/> if given) and returns its id.</summary>
    public async Task<string> RegisterSeekerAsync(LabourStatus status, DateOnly since, KeyGroups groups = KeyGroups.None,
        DateOnly? birth = null, string? siteCode = null)
    {
        var id = NewId("sk");
        var registration = Registration(birth ?? new DateOnly(1985, 6, 1), status, since, groups);
        var result = await Client.GetGrain<ISeekerGrain>(id).RegisterAsync(
            siteCode is null ? registration : registration with { SiteCode = siteCode });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return id;
    }

    /// <summary>A fresh, valid unified social credit code.</summary>
    public static string NewCreditCode() =>
        UnifiedSocialCreditCode.Create($"91360722{Interlocked.Increment(ref _next):D9}").Value;

    /// <summary>Registers an employer and opens a post with <paramref name="openings"/>; returns the post id.</summary>
    public async Task<string> OpenPostAsync(int openings, WorkKind kind = WorkKind.FullTime)
    {
        var code = NewCreditCode();
        var employer = await Client.GetGrain<IEmployerGrain>(code).RegisterAsync(new EmployerProfile("信丰电子有限公司", Village, 25.37, 114.94));
        Assert.True(employer.Succeeded, string.Join("; ", employer.Errors));
        var postId = NewId("post");
        var opened = await Client.GetGrain<IPostGrain>(postId).OpenAsync(Post(code, openings, kind));
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        return postId;
    }

    /// <summary>A valid post profile.</summary>
    public static PostProfile Post(string employerCode, int openings, WorkKind kind = WorkKind.FullTime) =>
        new(Village, employerCode, "装配工", "6-25-04-01", openings, 3000, 4500, 25.37, 114.94, kind);

    /// <summary>Registers a fresh tree of its own: province → city → county → township → two villages.</summary>
    public async Task<(string[] Villages, string[] Ancestors)> RegisterTreeAsync()
    {
        var n = TestNetwork.NewId("T").Replace("-", string.Empty, StringComparison.Ordinal);
        var province = "P" + n;
        var city = "C" + n;
        var county = "X" + n;
        var township = "T" + n;
        string[] villages = ["VA" + n, "VB" + n];
        SiteProfile[] sites =
        [
            new(province, "测试省就业之家", SiteKind.Province, null, 28.6, 115.8, false),
            new(city, "测试市就业之家", SiteKind.City, province, 25.8, 114.9, false),
            new(county, "测试县就业之家", SiteKind.County, city, 25.4, 114.9, false),
            new(township, "测试镇就业之家", SiteKind.Township, county, 25.4, 114.9, false),
            new(villages[0], "甲村就业之家", SiteKind.Village, township, 25.4, 114.9, true),
            new(villages[1], "乙村就业之家", SiteKind.Village, township, 25.4, 114.9, true),
        ];
        foreach (var site in sites)
        {
            Assert.True((await Client.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site)).Succeeded);
        }
        return (villages, [township, county, city, province]);
    }
}
