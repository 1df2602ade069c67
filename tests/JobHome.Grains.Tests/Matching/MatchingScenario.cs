using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Seeded seekers and posts registered through their grains around one point, and the pure engine's index over the same
/// records (read back from the grains, so key groups are the effective ones).
/// </summary>
public sealed class MatchingScenario(ClusterFixture fixture, double lat, double lon, int seed)
{
    private static readonly string[] Codes = ["6-25-04-01", "6-25-04-02", "6-25-01-01", "4-01-01-01", "4-01-02-03", "2-02-01-01", "4-02"];
    private static readonly string[] SkillTokens = ["焊接", "电工证", "叉车", "普通话", "Excel", "驾驶证", "缝纫"];
    private readonly Random _random = new(seed);
    private string? _employer;

    /// <summary>Ids of the posts opened here.</summary>
    public List<string> PostIds { get; } = [];

    /// <summary>Ids of the seekers registered here.</summary>
    public List<string> SeekerIds { get; } = [];

    /// <summary>The engine's settings for the fixture's today.</summary>
    public MatchOptions Options => new MatchingOptions().ToMatchOptions(fixture.Today);

    /// <summary>A point within <paramref name="spread"/> degrees of the centre.</summary>
    public (double Lat, double Lon) Near(double spread) =>
        (Math.Round(lat + ((_random.NextDouble() * 2) - 1) * spread, 5), Math.Round(lon + ((_random.NextDouble() * 2) - 1) * spread, 5));

    /// <summary>Registers the sites and the employer every post belongs to.</summary>
    public async Task InitializeAsync()
    {
        await new TestNetwork(fixture).EnsureSitesAsync();
        _employer = TestNetwork.NewCreditCode();
        var registered = await fixture.Client.GetGrain<IEmployerGrain>(_employer)
            .RegisterAsync(new EmployerProfile("测试制造有限公司", TestNetwork.Village, lat, lon));
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
    }

    /// <summary>Opens a random post within <paramref name="spread"/> degrees; returns its id.</summary>
    public Task<string> OpenRandomPostAsync(double spread)
    {
        var (pLat, pLon) = Near(spread);
        var payMin = 2500m + (_random.Next(0, 10) * 250m);
        var profile = new PostProfile(TestNetwork.Village, _employer!, "普工", Codes[_random.Next(Codes.Length)], _random.Next(1, 4), payMin,
            payMin + (_random.Next(0, 8) * 250m), pLat, pLon, _random.Next(5) == 0 ? WorkKind.PartTime : WorkKind.FullTime)
        {
            MinEducation = (EducationLevel)_random.Next(0, 4),
            AgeMin = _random.Next(3) == 0 ? 18 : null,
            AgeMax = _random.Next(3) == 0 ? 50 : null,
            Skills = [.. Enumerable.Range(0, _random.Next(0, 3)).Select(_ => SkillTokens[_random.Next(SkillTokens.Length)]).Distinct()],
        };
        return OpenPostAsync(profile);
    }

    /// <summary>Opens <paramref name="profile"/> (its employer replaced by the scenario's); returns the post id.</summary>
    public async Task<string> OpenPostAsync(PostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var id = TestNetwork.NewId("mpost");
        var opened = await fixture.Client.GetGrain<IPostGrain>(id).OpenAsync(profile with { EmployerCode = _employer!, SiteCode = TestNetwork.Village });
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        PostIds.Add(id);
        return id;
    }

    /// <summary>A post profile that fits <see cref="Seeker"/> perfectly at (<paramref name="pLat"/>, <paramref name="pLon"/>).</summary>
    public PostProfile PerfectPost(double pLat, double pLon) =>
        new(TestNetwork.Village, _employer!, "焊工", "6-25-04-01", 2, 6000, 7000, pLat, pLon, WorkKind.FullTime) { Skills = ["焊接"] };

    /// <summary>Registers a random unemployed seeker within <paramref name="spread"/> degrees; returns the id.</summary>
    public Task<string> RegisterRandomSeekerAsync(double spread)
    {
        var (sLat, sLon) = Near(spread);
        var birth = new DateOnly(1970, 1, 1).AddDays(_random.Next(0, 35 * 365));
        var first = _random.Next(Codes.Length);
        var registration = TestNetwork.Registration(birth, LabourStatus.Unemployed, new DateOnly(2026, 1, 5),
            _random.Next(4) == 0 ? KeyGroups.Disabled : KeyGroups.None) with
        {
            Education = (EducationLevel)_random.Next(1, 7),
            Occupations = _random.Next(2) == 0 ? [Codes[first]] : [Codes[first], Codes[(first + 1) % Codes.Length]],
            Skills = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => SkillTokens[_random.Next(SkillTokens.Length)]).Distinct()],
            ExpectedPayMin = 2500m + (_random.Next(0, 12) * 250m),
            Lat = sLat,
            Lon = sLon,
            Rural = _random.Next(2) == 0,
            Availability = _random.Next(3) == 0 ? WorkKind.FullTime | WorkKind.PartTime : WorkKind.FullTime,
        };
        return RegisterSeekerAsync(registration);
    }

    /// <summary>A seeker registration: a welder at (<paramref name="sLat"/>, <paramref name="sLon"/>).</summary>
    public static SeekerRegistration Seeker(double sLat, double sLon) =>
        TestNetwork.Registration(new DateOnly(1990, 4, 2), LabourStatus.Unemployed, new DateOnly(2026, 1, 5)) with
        {
            Occupations = ["6-25-04-01"],
            Skills = ["焊接"],
            ExpectedPayMin = 4000m,
            Lat = sLat,
            Lon = sLon,
        };

    /// <summary>Registers <paramref name="registration"/>; returns the id.</summary>
    public async Task<string> RegisterSeekerAsync(SeekerRegistration registration)
    {
        var id = TestNetwork.NewId("mseek");
        var result = await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        SeekerIds.Add(id);
        return id;
    }

    /// <summary>The engine's seeker, read back from the grain (effective key groups).</summary>
    public async Task<MatchSeeker> EngineSeekerAsync(string id)
    {
        var v = await fixture.Client.GetGrain<ISeekerGrain>(id).GetAsync();
        Assert.NotNull(v);
        return new MatchSeeker(v.Id, v.BirthDate, v.Gender, v.Education, [.. v.Occupations.Select(OccupationCode.Parse)], v.Skills,
            v.ExpectedPayMin, new GeoPoint(v.Lat, v.Lon), v.Rural, v.Availability, v.KeyGroups);
    }

    /// <summary>The engine's post with its free openings (0 when closed), read back from the grain.</summary>
    public async Task<MatchPost> EnginePostAsync(string id)
    {
        var v = await fixture.Client.GetGrain<IPostGrain>(id).GetAsync();
        Assert.NotNull(v);
        var p = v.Profile;
        var free = v.Closed ? 0 : Math.Max(0, p.Openings - v.Taken);
        return new MatchPost(v.Id, p.EmployerCode, p.Title, OccupationCode.Parse(p.Occupation), free, p.PayMin, p.PayMax,
            new GeoPoint(p.Lat, p.Lon), p.Kind, p.MinEducation, p.AgeMin, p.AgeMax, p.Skills);
    }

    /// <summary>The pure engine over every open post and every unemployed seeker of the scenario.</summary>
    public async Task<MatchIndex> EngineAsync()
    {
        var index = new MatchIndex();
        foreach (var id in PostIds)
        {
            var post = await EnginePostAsync(id);
            if (post.Openings > 0)
            {
                index.UpsertPost(post);
            }
        }
        foreach (var id in SeekerIds)
        {
            var facts = await fixture.Client.GetGrain<ISeekerRecordGrain>(id).GetFactsAsync();
            if (facts!.Status == LabourStatus.Unemployed)
            {
                index.UpsertSeeker(await EngineSeekerAsync(id));
            }
        }
        return index;
    }

    /// <summary>Asserts that the grains' items are the engine's: ids, order, exact scores and factor texts.</summary>
    public static void AssertSame(IReadOnlyList<Recommendation> expected, IReadOnlyList<MatchItem> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Select(r => r.Id), actual.Select(i => i.Id));
        Assert.Equal(expected.Select(r => r.Score), actual.Select(i => i.Score));
        Assert.Equal(expected.SelectMany(r => r.TopFactors.Select(f => f.Chinese + "|" + f.English)),
            actual.SelectMany(i => i.Factors.Select(f => f.Chinese + "|" + f.English)));
    }
}
