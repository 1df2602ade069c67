using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Seeded random posts and seekers around one point (31°N 121°E, ±0.04°) with a few occupations, pay steps and one skill,
/// for the partition's index tests that compare answers before and after changes (floor, held-part reuse).
/// </summary>
internal static class SeededMarket
{
    /// <summary>The day every market is scored on.</summary>
    public static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly string[] Codes = ["6-25-04-01", "6-25-04-02", "6-25-01-01", "4-01-01-01", "4-01-02-03", "2-02-01-01"];

    /// <summary>A post with 1–3 openings, pay from 2,500 in steps of 250, half of them asking for welding (焊接).</summary>
    public static PostMatchRecord Post(string id, Random random)
    {
        var payMin = 2500m + (random.Next(0, 12) * 250m);
        return new PostMatchRecord(id, "91360722000000001X", Codes[random.Next(Codes.Length)], random.Next(1, 4), payMin,
            payMin + (random.Next(0, 8) * 250m), 31.0 + ((random.NextDouble() - 0.5) * 0.08), 121.0 + ((random.NextDouble() - 0.5) * 0.08),
            WorkKind.FullTime, EducationLevel.None, null, null, random.Next(2) == 0 ? [] : ["焊接"]);
    }

    /// <summary>A seeker born 1985–1998 with one occupation wish, half of them welders, half rural.</summary>
    public static SeekerMatchRecord Seeker(string id, Random random) =>
        new(id, new DateOnly(1985, 1, 1).AddDays(random.Next(0, 5000)), Gender.Female, EducationLevel.Senior,
            [Codes[random.Next(Codes.Length)]], random.Next(2) == 0 ? [] : ["焊接"], 2500m + (random.Next(0, 12) * 250m),
            31.0 + ((random.NextDouble() - 0.5) * 0.08), 121.0 + ((random.NextDouble() - 0.5) * 0.08), random.Next(2) == 0,
            WorkKind.FullTime, KeyGroups.None);
}
