using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// Province-like synthetic data (seeded): 11 prefecture cities in a Jiangxi-sized box; 80 % of people and posts
/// within ~10 km (Gaussian) of a city, 20 % spread over the countryside; ~2,000 unit-group occupation codes;
/// a vocabulary of 300 skills; most work full-time.
/// </summary>
internal sealed class MatchingData(int seed)
{
    public static readonly DateOnly AsOf = new(2026, 6, 15);

    private static readonly GeoPoint[] Cities =
    [
        new(28.68, 115.86), new(29.30, 117.21), new(27.62, 113.85), new(29.71, 116.00), new(27.82, 114.92),
        new(28.26, 117.07), new(25.83, 114.93), new(27.11, 114.99), new(27.81, 114.42), new(27.95, 116.36),
        new(28.45, 117.94),
    ];

    private static readonly string[] SkillTokens = [.. Enumerable.Range(0, 300).Select(i => $"skill{i:000}")];

    private readonly Random _random = new(seed);

    private GeoPoint Location()
    {
        if (_random.Next(5) == 0)
        {
            return new GeoPoint(24.5 + (_random.NextDouble() * 5.5), 113.6 + (_random.NextDouble() * 4.9));
        }
        var city = Cities[_random.Next(Cities.Length)];
        var r = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * 10.0;
        var theta = _random.NextDouble() * 2 * Math.PI;
        return new GeoPoint(city.Lat + (r * Math.Cos(theta) / 111.0), city.Lon + (r * Math.Sin(theta) / (111.0 * Math.Cos(city.Lat * Math.PI / 180))));
    }

    private OccupationCode Code() =>
        OccupationCode.Create(_random.Next(1, 9), _random.Next(1, 11), _random.Next(1, 6), _random.Next(1, 6));

    private OccupationCode Near(OccupationCode code) =>
        _random.Next(2) == 0 ? OccupationCode.Create(code.Major, code.Intermediate, code.Minor, _random.Next(1, 6)) : Code();

    private string[] Skills(int max) => [.. Enumerable.Range(0, _random.Next(0, max + 1)).Select(_ => SkillTokens[_random.Next(SkillTokens.Length)])];

    private WorkKind Kind() => _random.Next(10) switch
    {
        < 7 => WorkKind.FullTime,
        7 => WorkKind.PartTime,
        8 => WorkKind.Gig,
        _ => WorkKind.PublicWelfare,
    };

    public MatchSeeker Seeker(int i)
    {
        var first = Code();
        var codes = _random.Next(3) switch
        {
            0 => new[] { first },
            1 => [first, Near(first)],
            _ => [first, Near(first), Code()],
        };
        var groups = KeyGroups.None;
        if (_random.Next(4) == 0)
        {
            groups = (KeyGroups)(1 << _random.Next(10));
        }
        return new MatchSeeker(
            $"S{i:D8}",
            // Same draw as always; the few dates within 16 × 365 days but under 16 years (leap days) are moved to the
            // 16th birthday, so every seeker passes the Domain's working-age rule and `fair match` reads the export.
            Earliest(AsOf.AddDays(-_random.Next(16 * 365, 60 * 365)), AsOf.AddYears(-16)),
            _random.Next(2) == 0 ? Gender.Male : Gender.Female,
            (EducationLevel)_random.Next(1, 9),
            codes,
            Skills(4),
            2000m + (_random.Next(0, 16) * 250m),
            Location(),
            _random.Next(2) == 0,
            Kind() | (_random.Next(2) == 0 ? WorkKind.Gig : WorkKind.None),
            groups);
    }

    private static DateOnly Earliest(DateOnly a, DateOnly b) => a < b ? a : b;

    public MatchPost Post(int i)
    {
        var payMin = 2000m + (_random.Next(0, 16) * 250m);
        return new MatchPost(
            $"P{i:D8}",
            $"E{_random.Next(100_000):D6}",
            "岗位",
            Code(),
            _random.Next(1, 6),
            payMin,
            payMin + (_random.Next(0, 9) * 250m),
            Location(),
            Kind(),
            (EducationLevel)_random.Next(0, 7),
            _random.Next(2) == 0 ? 18 : null,
            _random.Next(3) == 0 ? null : _random.Next(35, 61),
            Skills(3));
    }

    public IEnumerable<MatchSeeker> Seekers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Seeker(i);
        }
    }

    public IEnumerable<MatchPost> Posts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Post(i);
        }
    }
}
