namespace JobHome.Domain.Indicators;

/// <summary>
/// Indicator counts of a site's subtree, kept by status date so the date-dependent indicators (unemployed over three
/// months, zero-employment overdue) roll over at midnight without any event. Sums of contributions: adding and
/// removing commute, so any order of changes gives the same counts.
/// </summary>
public sealed class IndicatorCounts : IEquatable<IndicatorCounts>
{
    private readonly SortedDictionary<DateOnly, long> _unemployedBySince = [];
    private readonly SortedDictionary<DateOnly, long> _zeroEmploymentBySince = [];

    /// <summary>Employed people.</summary>
    public long Employed { get; private set; }

    /// <summary>Open posts.</summary>
    public long OpenPosts { get; private set; }

    /// <summary>Openings of open posts not yet taken.</summary>
    public long Openings { get; private set; }

    /// <summary>Placements made (cumulative).</summary>
    public long Placements { get; private set; }

    /// <summary>Unemployed people by the date their unemployment began.</summary>
    public IReadOnlyDictionary<DateOnly, long> UnemployedBySince => _unemployedBySince;

    /// <summary>Zero-employment households by their zero-employment date.</summary>
    public IReadOnlyDictionary<DateOnly, long> ZeroEmploymentBySince => _zeroEmploymentBySince;

    /// <summary>Adds (<paramref name="sign"/> = 1) or removes (-1) one record's contribution.</summary>
    public void Apply(IndicatorContribution contribution, int sign = 1)
    {
        if (sign is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "sign must be 1 or -1");
        }
        Employed += sign * contribution.Employed;
        OpenPosts += sign * contribution.OpenPosts;
        Openings += sign * contribution.Openings;
        Placements += sign * contribution.Placements;
        if (contribution.UnemployedSince is { } u)
        {
            Bump(_unemployedBySince, u, sign);
        }
        if (contribution.ZeroEmploymentSince is { } z)
        {
            Bump(_zeroEmploymentBySince, z, sign);
        }
    }

    /// <summary>Replaces a record's <paramref name="before"/> contribution by <paramref name="after"/>.</summary>
    public void Change(IndicatorContribution before, IndicatorContribution after)
    {
        Apply(before, -1);
        Apply(after);
    }

    /// <summary>Adds every count of <paramref name="other"/> (a child's subtree) times <paramref name="sign"/>.</summary>
    public void Add(IndicatorCounts other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        Employed += sign * other.Employed;
        OpenPosts += sign * other.OpenPosts;
        Openings += sign * other.Openings;
        Placements += sign * other.Placements;
        foreach (var (date, n) in other._unemployedBySince)
        {
            Bump(_unemployedBySince, date, sign * n);
        }
        foreach (var (date, n) in other._zeroEmploymentBySince)
        {
            Bump(_zeroEmploymentBySince, date, sign * n);
        }
    }

    /// <summary>The indicators of site <paramref name="siteCode"/> on <paramref name="today"/>.</summary>
    public IndicatorSnapshot Snapshot(string siteCode, DateOnly today)
    {
        var unemployed = _unemployedBySince.Values.Sum();
        var over3 = _unemployedBySince.Where(e => IndicatorDefinitions.UnemployedOverThreeMonths(e.Key, today)).Sum(e => e.Value);
        var zero = _zeroEmploymentBySince.Values.Sum();
        var overdue = _zeroEmploymentBySince.Where(e => IndicatorDefinitions.ZeroEmploymentOverdue(e.Key, today)).Sum(e => e.Value);
        return new IndicatorSnapshot(siteCode, today, Employed, unemployed, over3, zero, overdue, OpenPosts, Openings, Placements);
    }

    /// <inheritdoc />
    public bool Equals(IndicatorCounts? other) =>
        other is not null && Employed == other.Employed && OpenPosts == other.OpenPosts && Openings == other.Openings
        && Placements == other.Placements && _unemployedBySince.SequenceEqual(other._unemployedBySince)
        && _zeroEmploymentBySince.SequenceEqual(other._zeroEmploymentBySince);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IndicatorCounts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Employed, OpenPosts, Openings, Placements, _unemployedBySince.Count,
        _zeroEmploymentBySince.Count);

    /// <summary>Sets a count outright (restoring stored counts).</summary>
    public void Restore(long employed, long openPosts, long openings, long placements,
        IEnumerable<KeyValuePair<DateOnly, long>> unemployedBySince, IEnumerable<KeyValuePair<DateOnly, long>> zeroEmploymentBySince)
    {
        ArgumentNullException.ThrowIfNull(unemployedBySince);
        ArgumentNullException.ThrowIfNull(zeroEmploymentBySince);
        Employed = employed;
        OpenPosts = openPosts;
        Openings = openings;
        Placements = placements;
        _unemployedBySince.Clear();
        _zeroEmploymentBySince.Clear();
        foreach (var (date, n) in unemployedBySince)
        {
            Bump(_unemployedBySince, date, n);
        }
        foreach (var (date, n) in zeroEmploymentBySince)
        {
            Bump(_zeroEmploymentBySince, date, n);
        }
    }

    private static void Bump(SortedDictionary<DateOnly, long> byDate, DateOnly date, long delta)
    {
        var n = byDate.GetValueOrDefault(date) + delta;
        if (n == 0)
        {
            byDate.Remove(date);
        }
        else
        {
            byDate[date] = n;
        }
    }
}
