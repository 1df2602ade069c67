using JobHome.Domain.People;

namespace JobHome.Demo;

/// <summary>
/// Labour status and status dates of a county's seekers, as of <see cref="DemoGenerator.ReferenceDate"/>: employed
/// household members are employed; the others are unemployed when able and willing to work and of legal working age,
/// else not in the labour force (<see cref="Household.StatusOf"/>, the one rule). Dates come from a hash of the seeker id
/// and the seed, so they never change the other files' draws: employed since 30–1,500 days, unemployed since 1–540 days
/// (a spread over the three-month line), not in the labour force since the 16th birthday or 1–900 days.
/// </summary>
public static class DemoPeople
{
    /// <summary>The people facts of every seeker of <paramref name="county"/>, in seekers order.</summary>
    public static IReadOnlyList<DemoPerson> Of(DemoCounty county, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(county);
        var members = county.Households.SelectMany(h => h.Members).ToDictionary(m => m.SeekerId, StringComparer.Ordinal);
        var people = new List<DemoPerson>(county.Seekers.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seeker in county.Seekers)
        {
            var status = Household.StatusOf(members[seeker.Id], DemoGenerator.ReferenceDate);
            var hash = Hash(seeker.Id, seed);
            var daysBack = status switch
            {
                LabourStatus.Employed => 30 + (int)(hash % 1471),
                LabourStatus.Unemployed => 1 + (int)(hash % 540),
                _ => 1 + (int)(hash % 900),
            };
            var since = DemoGenerator.ReferenceDate.AddDays(-daysBack);
            var sixteenth = seeker.BirthDate.AddYears(16);
            if (since < sixteenth)
            {
                since = sixteenth > DemoGenerator.ReferenceDate ? DemoGenerator.ReferenceDate : sixteenth;
            }
            people.Add(new DemoPerson(seeker.Id, UniqueIdNumber(seeker.IdCard!, used), seeker.Phone, status, since));
        }
        return people;
    }

    /// <summary>
    /// The seeker's ID-card number, or, when an earlier seeker of the county drew the same one (same birth date and
    /// sequence), the next free sequence number of the same parity (so the same gender): real-name registration takes
    /// each number once.
    /// </summary>
    private static string UniqueIdNumber(IdCardNumber drawn, HashSet<string> used)
    {
        var number = drawn.RevealFullNumber();
        var sequence = int.Parse(number.AsSpan(14, 3), System.Globalization.CultureInfo.InvariantCulture);
        while (!used.Add(number))
        {
            sequence = sequence + 2 > 999 ? sequence + 2 - 998 : sequence + 2;
            number = IdCardNumber.Create(drawn.RegionCode, drawn.BirthDate, sequence).RevealFullNumber();
        }
        return number;
    }

    /// <summary>FNV-1a over the id, mixed with the seed (SplitMix64 finaliser).</summary>
    private static ulong Hash(string id, ulong seed)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        return h ^ (h >> 31);
    }
}
