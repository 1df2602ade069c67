using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Matching.Tests;

/// <summary>Seeded random seekers and posts around a few cities, with deliberate ties and overflowing skill vocabularies.</summary>
internal sealed class TestData(int seed)
{
    public static readonly DateOnly AsOf = new(2026, 3, 1);

    private static readonly GeoPoint[] Cities = [new(25.83, 114.93), new(25.87, 115.00), new(28.68, 115.86)];

    // 90 distinct tokens so that ids beyond 63 use the overflow path.
    private static readonly string[] SkillTokens = [.. Enumerable.Range(0, 90).Select(i => $"skill{i:00}")];

    private static readonly OccupationCode[] Codes =
    [
        OccupationCode.Parse("4-01-02-03"), OccupationCode.Parse("4-01-02-04"), OccupationCode.Parse("4-01-03-01"),
        OccupationCode.Parse("4-02-01-01"), OccupationCode.Parse("6-01-01-01"), OccupationCode.Parse("6-02"),
        OccupationCode.Parse("2-02-01-01"), OccupationCode.Parse("4-01"), OccupationCode.Parse("8"),
    ];

    private readonly Random _random = new(seed);
    private int _next;

    public GeoPoint Near(GeoPoint city, double km)
    {
        var dLat = (_random.NextDouble() * 2 - 1) * km / 111.0;
        var dLon = (_random.NextDouble() * 2 - 1) * km / (111.0 * Math.Cos(city.Lat * Math.PI / 180));
        return new GeoPoint(city.Lat + dLat, city.Lon + dLon);
    }

    public MatchSeeker Seeker(string? id = null)
    {
        var city = Cities[_random.Next(Cities.Length)];
        var codes = Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Codes[_random.Next(Codes.Length)]).ToArray();
        var skills = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => Case(SkillTokens[_random.Next(SkillTokens.Length)])).ToArray();
        var groups = KeyGroups.None;
        for (var b = 0; b < 10; b++)
        {
            if (_random.Next(5) == 0)
            {
                groups |= (KeyGroups)(1 << b);
            }
        }
        var kinds = (WorkKind)_random.Next(1, 16);
        return new MatchSeeker(
            id ?? $"s{_next++:00000}",
            AsOf.AddDays(-_random.Next(15 * 365, 65 * 365)),
            _random.Next(2) == 0 ? Gender.Male : Gender.Female,
            (EducationLevel)_random.Next(0, 9),
            codes,
            skills,
            _random.Next(0, 12) * 500m,
            Near(city, 25),
            _random.Next(2) == 0,
            kinds,
            groups);
    }

    public MatchPost Post(string? id = null)
    {
        var city = Cities[_random.Next(Cities.Length)];
        var skills = Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Case(SkillTokens[_random.Next(SkillTokens.Length)])).ToArray();
        var payMin = _random.Next(0, 10) * 500m;
        int? ageMin = _random.Next(3) == 0 ? null : _random.Next(16, 40);
        int? ageMax = _random.Next(3) == 0 ? null : _random.Next(35, 66);
        return new MatchPost(
            id ?? $"p{_next++:00000}",
            $"e{_random.Next(50)}",
            "岗位",
            _random.Next(12) == 0 ? default : Codes[_random.Next(Codes.Length)],
            _random.Next(8) == 0 ? 0 : _random.Next(1, 6),
            payMin,
            payMin + (_random.Next(0, 6) * 500m),
            Near(city, 25),
            (WorkKind)(1 << _random.Next(4)),
            (EducationLevel)_random.Next(0, 9),
            ageMin,
            ageMax,
            skills);
    }

    /// <summary>Seekers and posts; some posts are exact copies under another id so that scores tie.</summary>
    public (List<MatchSeeker> Seekers, List<MatchPost> Posts) Make(int seekers, int posts)
    {
        var ss = new List<MatchSeeker>();
        for (var i = 0; i < seekers; i++)
        {
            ss.Add(_random.Next(10) == 0 && ss.Count > 0 ? ss[_random.Next(ss.Count)] with { Id = $"s{_next++:00000}" } : Seeker());
        }
        var ps = new List<MatchPost>();
        for (var i = 0; i < posts; i++)
        {
            ps.Add(_random.Next(10) == 0 && ps.Count > 0 ? ps[_random.Next(ps.Count)] with { Id = $"p{_next++:00000}" } : Post());
        }
        return (ss, ps);
    }

    private string Case(string token) => _random.Next(4) == 0 ? token.ToUpperInvariant() : token;
}
