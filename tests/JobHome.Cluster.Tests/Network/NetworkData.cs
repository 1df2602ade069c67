using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;
using JobHome.Grains;
using JobHome.Grains.Employers;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Sites;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// Records for the network kill tests: a site tree (province → city → county → townships → villages), seekers with
/// valid ID numbers, employers and posts. One instance per store (ID numbers are unique within it).
/// </summary>
public sealed class NetworkData
{
    /// <summary>The province code.</summary>
    public const string Province = "P36";

    private readonly Dictionary<DateOnly, int> _sequences = [];
    private int _next;

    /// <summary>Today in Shanghai (the silo's server clock is the system clock in Asia/Shanghai).</summary>
    public static DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>The village codes, after <see cref="RegisterTreeAsync"/>.</summary>
    public List<string> Villages { get; } = [];

    /// <summary>Every site code, root first, after <see cref="RegisterTreeAsync"/>.</summary>
    public List<string> Sites { get; } = [];

    /// <summary>A fresh id with <paramref name="prefix"/>.</summary>
    public string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next):D6}";

    /// <summary>Registers the tree with <paramref name="townships"/> townships of <paramref name="villagesEach"/> villages.</summary>
    public async Task RegisterTreeAsync(IGrainFactory grains, int townships, int villagesEach)
    {
        List<SiteProfile> sites =
        [
            new(Province, "江西省就业之家", SiteKind.Province, null, 28.68, 115.86, false),
            new("C3607", "赣州市就业之家", SiteKind.City, Province, 25.83, 114.93, false),
            new("X360722", "信丰县就业之家", SiteKind.County, "C3607", 25.39, 114.92, false),
        ];
        for (var t = 1; t <= townships; t++)
        {
            var township = $"T360722{t:D2}";
            sites.Add(new(township, $"第{t}镇就业之家", SiteKind.Township, "X360722", 25.38, 114.93, false));
            for (var v = 1; v <= villagesEach; v++)
            {
                var village = $"V360722{t:D2}{v:D2}";
                sites.Add(new(village, $"第{t}镇{v}村就业之家", SiteKind.Village, township, 25.37, 114.94, true));
                Villages.Add(village);
            }
        }
        foreach (var site in sites)
        {
            var result = await grains.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            Sites.Add(site.Code);
        }
    }

    /// <summary>A valid registration at <paramref name="village"/> with a fresh ID number.</summary>
    public SeekerRegistration Registration(string village, DateOnly birth, LabourStatus status, DateOnly since)
    {
        var sequence = _sequences[birth] = _sequences.GetValueOrDefault(birth) + 1;
        var idCard = IdCardNumber.Create("360722", birth, sequence);
        return new SeekerRegistration(village, "王小明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior,
            status, since)
        {
            Phone = "13812345678",
            Occupations = ["6-25-04-01"],
            Lat = 25.37,
            Lon = 114.94,
            Rural = true,
        };
    }

    /// <summary>Registers an employer at <paramref name="village"/> and returns its credit code.</summary>
    public async Task<string> RegisterEmployerAsync(IGrainFactory grains, string village)
    {
        var code = UnifiedSocialCreditCode.Create($"91360722{Interlocked.Increment(ref _next):D9}").Value;
        var result = await grains.GetGrain<IEmployerGrain>(code).RegisterAsync(new EmployerProfile("信丰电子有限公司", village, 25.37, 114.94));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return code;
    }

    /// <summary>A post of <paramref name="employerCode"/> at <paramref name="village"/>.</summary>
    public static PostProfile Post(string village, string employerCode, int openings) =>
        new(village, employerCode, "装配工", "6-25-04-01", openings, 3000, 4500, 25.37, 114.94, WorkKind.FullTime);

    /// <summary>Opens a post and returns its id.</summary>
    public async Task<string> OpenPostAsync(IGrainFactory grains, string village, string employerCode, int openings)
    {
        var id = NewId("post");
        var result = await grains.GetGrain<IPostGrain>(id).OpenAsync(Post(village, employerCode, openings));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return id;
    }

    /// <summary>Registers a seeker and returns its id.</summary>
    public async Task<string> RegisterSeekerAsync(IGrainFactory grains, string village, LabourStatus status, DateOnly since)
    {
        var id = NewId("sk");
        var result = await grains.GetGrain<ISeekerGrain>(id).RegisterAsync(Registration(village, new DateOnly(1985, 6, 1), status, since));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return id;
    }

    /// <summary>Registers a household and returns its id.</summary>
    public async Task<string> RegisterHouseholdAsync(IGrainFactory grains, string village, params string[] members)
    {
        var id = NewId("hh");
        var result = await grains.GetGrain<IHouseholdGrain>(id).RegisterAsync(new HouseholdRegistration(village, members));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return id;
    }
}
