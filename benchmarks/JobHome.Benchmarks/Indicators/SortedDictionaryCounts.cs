using JobHome.Domain.Indicators;
using JobHome.Tests.Shared;

namespace JobHome.Benchmarks.Indicators;

/// <summary>
/// The by-date counts as <see cref="IndicatorCounts"/> kept them until 30 Nov 2026 (a sorted dictionary per status date,
/// change = remove then add, copy = add into an empty one, wire form = dictionary copies): the benchmarks' baseline.
/// </summary>
public sealed class SortedDictionaryCounts
{
    private readonly SortedDictionary<DateOnly, long> _unemployedBySince = [];
    private readonly SortedDictionary<DateOnly, long> _zeroEmploymentBySince = [];

    /// <summary>Employed people.</summary>
    public long Employed { get; private set; }

    /// <summary>Adds (1) or removes (-1) a contribution.</summary>
    public void Apply(IndicatorContribution contribution, int sign = 1)
    {
        Employed += sign * contribution.Employed;
        if (contribution.UnemployedSince is { } u)
        {
            ByDateCounts.Bump(_unemployedBySince, u, sign);
        }
        if (contribution.ZeroEmploymentSince is { } z)
        {
            ByDateCounts.Bump(_zeroEmploymentBySince, z, sign);
        }
    }

    /// <summary>Remove then add, as before.</summary>
    public void Change(IndicatorContribution before, IndicatorContribution after)
    {
        Apply(before, -1);
        Apply(after);
    }

    /// <summary>Adds another's counts times <paramref name="sign"/>.</summary>
    public void Add(SortedDictionaryCounts other, int sign = 1)
    {
        Employed += sign * other.Employed;
        foreach (var (date, n) in other._unemployedBySince)
        {
            ByDateCounts.Bump(_unemployedBySince, date, sign * n);
        }
        foreach (var (date, n) in other._zeroEmploymentBySince)
        {
            ByDateCounts.Bump(_zeroEmploymentBySince, date, sign * n);
        }
    }

    /// <summary>The copy a report sent up (new, then add).</summary>
    public SortedDictionaryCounts Copy()
    {
        var copy = new SortedDictionaryCounts();
        copy.Add(this);
        return copy;
    }

    /// <summary>To the wire form and back, as the surrogate converter did (dictionary copies, then a restore).</summary>
    public SortedDictionaryCounts WireRoundTrip()
    {
        var unemployed = new Dictionary<DateOnly, long>(_unemployedBySince);
        var zero = new Dictionary<DateOnly, long>(_zeroEmploymentBySince);
        var back = new SortedDictionaryCounts { Employed = Employed };
        foreach (var (date, n) in unemployed)
        {
            ByDateCounts.Bump(back._unemployedBySince, date, n);
        }
        foreach (var (date, n) in zero)
        {
            ByDateCounts.Bump(back._zeroEmploymentBySince, date, n);
        }
        return back;
    }
}
