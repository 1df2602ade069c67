namespace JobHome.Domain.Indicators;

/// <summary>
/// Indicator counts of a site's subtree, kept by status date so the date-dependent indicators (unemployed over three
/// months, zero-employment overdue) roll over at midnight without any event. Sums of contributions: adding and
/// removing commute, so any order of changes gives the same counts. The by-date counts are <see cref="DateCounts"/>
/// (sorted arrays): a change of a record allocates nothing unless it brings a date the site did not hold.
/// </summary>
public sealed class IndicatorCounts : IEquatable<IndicatorCounts>
{
    private readonly DateCounts _unemployedBySince = new();
    private readonly DateCounts _zeroEmploymentBySince = new();

    /// <summary>Employed people.</summary>
    public long Employed { get; private set; }

    /// <summary>Open posts.</summary>
    public long OpenPosts { get; private set; }

    /// <summary>Openings of open posts not yet taken.</summary>
    public long Openings { get; private set; }

    /// <summary>Placements made (cumulative).</summary>
    public long Placements { get; private set; }

    /// <summary>Unemployed people by the date their unemployment began (read-only: only these counts change it).</summary>
    public DateCounts UnemployedBySince => _unemployedBySince;

    /// <summary>Zero-employment households by their zero-employment date (read-only: only these counts change it).</summary>
    public DateCounts ZeroEmploymentBySince => _zeroEmploymentBySince;

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
            _unemployedBySince.Add(u, sign);
        }
        if (contribution.ZeroEmploymentSince is { } z)
        {
            _zeroEmploymentBySince.Add(z, sign);
        }
    }

    /// <summary>Replaces a record's <paramref name="before"/> contribution by <paramref name="after"/>.</summary>
    public void Change(IndicatorContribution before, IndicatorContribution after)
    {
        Employed += after.Employed - before.Employed;
        OpenPosts += after.OpenPosts - before.OpenPosts;
        Openings += after.Openings - before.Openings;
        Placements += after.Placements - before.Placements;
        // An unchanged date (a post's openings, a person's placements) touches no by-date count.
        if (before.UnemployedSince != after.UnemployedSince)
        {
            Move(_unemployedBySince, before.UnemployedSince, after.UnemployedSince);
        }
        if (before.ZeroEmploymentSince != after.ZeroEmploymentSince)
        {
            Move(_zeroEmploymentBySince, before.ZeroEmploymentSince, after.ZeroEmploymentSince);
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> (a child's subtree) times <paramref name="sign"/>.</summary>
    public void Add(IndicatorCounts other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        Employed += sign * other.Employed;
        OpenPosts += sign * other.OpenPosts;
        Openings += sign * other.Openings;
        Placements += sign * other.Placements;
        _unemployedBySince.Add(other._unemployedBySince, sign);
        _zeroEmploymentBySince.Add(other._zeroEmploymentBySince, sign);
    }

    /// <summary>Replaces every count by <paramref name="other"/>'s.</summary>
    public void CopyFrom(IndicatorCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Employed = other.Employed;
        OpenPosts = other.OpenPosts;
        Openings = other.Openings;
        Placements = other.Placements;
        _unemployedBySince.CopyFrom(other._unemployedBySince);
        _zeroEmploymentBySince.CopyFrom(other._zeroEmploymentBySince);
    }

    /// <summary>A copy that shares nothing with this one.</summary>
    public IndicatorCounts Clone()
    {
        var copy = new IndicatorCounts();
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>The indicators of site <paramref name="siteCode"/> on <paramref name="today"/>.</summary>
    public IndicatorSnapshot Snapshot(string siteCode, DateOnly today)
    {
        var unemployed = _unemployedBySince.Total();
        var over3 = _unemployedBySince.TotalWhileOlder(d => IndicatorDefinitions.UnemployedOverThreeMonths(d, today));
        var zero = _zeroEmploymentBySince.Total();
        var overdue = _zeroEmploymentBySince.TotalWhileOlder(d => IndicatorDefinitions.ZeroEmploymentOverdue(d, today));
        return new IndicatorSnapshot(siteCode, today, Employed, unemployed, over3, zero, overdue, OpenPosts, Openings, Placements);
    }

    /// <summary>
    /// The by-date indicators on <paramref name="date"/> (a past day) from the records held now: the unemployed and the
    /// zero-employment households whose status began on or before it, and of those the ones over the three-month and
    /// one-month lines on that day. Exact for every record whose status has not changed since; a record that changed
    /// since counts by its new status only (its old one is not kept). The history's back-filled days use it.
    /// </summary>
    public DatedIndicators DatedAsOf(DateOnly date) => new(
        date,
        _unemployedBySince.TotalThrough(date),
        _unemployedBySince.TotalWhileOlder(d => IndicatorDefinitions.UnemployedOverThreeMonths(d, date)),
        _zeroEmploymentBySince.TotalThrough(date),
        _zeroEmploymentBySince.TotalWhileOlder(d => IndicatorDefinitions.ZeroEmploymentOverdue(d, date)));

    /// <inheritdoc />
    public bool Equals(IndicatorCounts? other) =>
        other is not null && Employed == other.Employed && OpenPosts == other.OpenPosts && Openings == other.Openings
        && Placements == other.Placements && _unemployedBySince.Equals(other._unemployedBySince)
        && _zeroEmploymentBySince.Equals(other._zeroEmploymentBySince);

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
        Restore(employed, openPosts, openings, placements);
        _unemployedBySince.Clear();
        _zeroEmploymentBySince.Clear();
        foreach (var (date, n) in unemployedBySince)
        {
            _unemployedBySince.Add(date, n);
        }
        foreach (var (date, n) in zeroEmploymentBySince)
        {
            _zeroEmploymentBySince.Add(date, n);
        }
    }

    /// <summary>Sets a count outright from day numbers (<see cref="DateOnly.DayNumber"/>) and counts side by side.</summary>
    public void Restore(long employed, long openPosts, long openings, long placements,
        ReadOnlySpan<int> unemployedDays, ReadOnlySpan<long> unemployedCounts,
        ReadOnlySpan<int> zeroEmploymentDays, ReadOnlySpan<long> zeroEmploymentCounts)
    {
        Restore(employed, openPosts, openings, placements);
        _unemployedBySince.Restore(unemployedDays, unemployedCounts);
        _zeroEmploymentBySince.Restore(zeroEmploymentDays, zeroEmploymentCounts);
    }

    private void Restore(long employed, long openPosts, long openings, long placements)
    {
        Employed = employed;
        OpenPosts = openPosts;
        Openings = openings;
        Placements = placements;
    }

    private static void Move(DateCounts byDate, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            byDate.Add(f, -1);
        }
        if (to is { } t)
        {
            byDate.Add(t, 1);
        }
    }
}
