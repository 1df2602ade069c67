using JobHome.Matching.Model;

namespace JobHome.Matching.Congestion;

/// <summary>
/// The people a partition prices its posts from, bounded: at most <see cref="Capacity"/> records, those with the smallest
/// <see cref="Key"/> among the people offered (a uniform sample fixed by the ids, so independent of arrival order and the
/// same on every silo). Prices from the sample are scaled by <see cref="Weight"/> (population ÷ sample). A removed member
/// leaves the sample one smaller until a newcomer with a smaller key arrives (the records of non-members are not kept, so
/// there is nobody to promote); the weight always uses the current size, so the estimate stays unbiased. Not thread-safe.
/// </summary>
public sealed class PricingPopulation
{
    private readonly Dictionary<string, MatchSeeker> _members = new(StringComparer.Ordinal);
    private readonly SortedSet<(ulong Key, string Id)> _byKey = new();

    /// <summary>Creates a population of at most <paramref name="capacity"/> records (≥ 1).</summary>
    public PricingPopulation(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Most records kept.</summary>
    public int Capacity { get; }

    /// <summary>Records kept.</summary>
    public int Count => _members.Count;

    /// <summary>The records kept (a snapshot to hand to a background computation).</summary>
    public MatchSeeker[] Snapshot() => [.. _members.Values];

    /// <summary>Population ÷ sample: what one sampled person stands for; 1 when everyone is kept (or nobody).</summary>
    public double Weight(int population) => _members.Count == 0 ? 1 : Math.Max(1.0, population / (double)_members.Count);

    /// <summary>Offers a new or changed record; kept when it is a member or among the smallest keys.</summary>
    public void Upsert(MatchSeeker seeker)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        if (_members.ContainsKey(seeker.Id))
        {
            _members[seeker.Id] = seeker;
            return;
        }
        var key = Key(seeker.Id);
        if (_members.Count == Capacity)
        {
            var largest = _byKey.Max;
            if (key >= largest.Key)
            {
                return;
            }
            _byKey.Remove(largest);
            _members.Remove(largest.Id);
        }
        _byKey.Add((key, seeker.Id));
        _members.Add(seeker.Id, seeker);
    }

    /// <summary>Removes a record if it is a member.</summary>
    public void Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_members.Remove(id))
        {
            _byKey.Remove((Key(id), id));
        }
    }

    /// <summary>The sampling key of an id: a 64-bit FNV-1a hash of its characters, mixed (SplitMix64's finaliser).</summary>
    public static ulong Key(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var h = 14695981039346656037UL;
        foreach (var c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    /// <summary>The positions of the <paramref name="size"/> people with the smallest keys (all when fewer), in input order.</summary>
    public static int[] SampleOf(IReadOnlyList<MatchSeeker> people, int size)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (people.Count <= size)
        {
            return [.. Enumerable.Range(0, people.Count)];
        }
        return [.. Enumerable.Range(0, people.Count).OrderBy(i => Key(people[i].Id)).ThenBy(i => people[i].Id, StringComparer.Ordinal)
            .Take(size).Order()];
    }
}
