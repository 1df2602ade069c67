using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace JobHome.Domain.Indicators;

/// <summary>
/// Counts by date, kept as two sorted parallel arrays (day numbers and counts) without zero entries: adding to a date
/// already held is a binary search and an add, no allocation; summing two of them is a merge; a copy is two array copies.
/// A site's dates cluster (most changes are dated today or recently), so inserts land near the end and move little.
/// Read-only outside the Domain: only <see cref="IndicatorCounts"/>, which owns its two instances, changes them, so no
/// caller can change a site's counts behind its aggregator's back through <see cref="IndicatorCounts.UnemployedBySince"/>
/// (and a report's copy stays the two array copies of <see cref="IndicatorCounts.CopyFrom"/>, not a wrapper per read).
/// </summary>
public sealed class DateCounts : IReadOnlyDictionary<DateOnly, long>, IEquatable<DateCounts>
{
    private int[] _days = [];
    private long[] _counts = [];
    private int _count;

    /// <summary>An empty set of counts (made by <see cref="IndicatorCounts"/> only).</summary>
    internal DateCounts()
    {
    }

    /// <summary>Number of dates held (each with a non-zero count).</summary>
    public int Count => _count;

    /// <summary>The day numbers held (<see cref="DateOnly.DayNumber"/>), ascending.</summary>
    public ReadOnlySpan<int> DayNumbers => _days.AsSpan(0, _count);

    /// <summary>The counts, in the order of <see cref="DayNumbers"/>.</summary>
    public ReadOnlySpan<long> Counts => _counts.AsSpan(0, _count);

    /// <inheritdoc />
    public long this[DateOnly key] => TryGetValue(key, out var n) ? n : throw new KeyNotFoundException(key.ToString("O"));

    /// <inheritdoc />
    public IEnumerable<DateOnly> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return DateOnly.FromDayNumber(_days[i]);
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<long> Values
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _counts[i];
            }
        }
    }

    /// <summary>The sum of every count.</summary>
    public long Total()
    {
        long total = 0;
        foreach (var n in Counts)
        {
            total += n;
        }
        return total;
    }

    /// <summary>The sum of the counts of the leading dates for which <paramref name="holds"/> is true (a predicate that
    /// holds for a date holds for every earlier one: "older than").</summary>
    public long TotalWhileOlder(Func<DateOnly, bool> holds)
    {
        ArgumentNullException.ThrowIfNull(holds);
        long total = 0;
        for (var i = 0; i < _count && holds(DateOnly.FromDayNumber(_days[i])); i++)
        {
            total += _counts[i];
        }
        return total;
    }

    /// <summary>The sum of the counts of every date on or before <paramref name="date"/>.</summary>
    public long TotalThrough(DateOnly date)
    {
        var i = DayNumbers.BinarySearch(date.DayNumber);
        var end = i >= 0 ? i + 1 : ~i;
        long total = 0;
        foreach (var n in Counts[..end])
        {
            total += n;
        }
        return total;
    }

    /// <summary>Adds <paramref name="delta"/> to the count of <paramref name="date"/> (an entry reaching zero is removed).</summary>
    internal void Add(DateOnly date, long delta)
    {
        if (delta == 0)
        {
            return;
        }
        var day = date.DayNumber;
        var i = _days.AsSpan(0, _count).BinarySearch(day);
        if (i >= 0)
        {
            var n = _counts[i] + delta;
            if (n != 0)
            {
                _counts[i] = n;
                return;
            }
            _count--;
            Array.Copy(_days, i + 1, _days, i, _count - i);
            Array.Copy(_counts, i + 1, _counts, i, _count - i);
            return;
        }
        i = ~i;
        if (_count == _days.Length)
        {
            var size = Math.Max(8, _count * 2);
            Array.Resize(ref _days, size);
            Array.Resize(ref _counts, size);
        }
        Array.Copy(_days, i, _days, i + 1, _count - i);
        Array.Copy(_counts, i, _counts, i + 1, _count - i);
        _days[i] = day;
        _counts[i] = delta;
        _count++;
    }

    /// <summary>Adds every count of <paramref name="other"/> times <paramref name="sign"/> (one merge of the two).</summary>
    internal void Add(DateCounts other, long sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._count == 0 || sign == 0)
        {
            return;
        }
        if (_count == 0)
        {
            Reserve(other._count);
            for (var k = 0; k < other._count; k++)
            {
                _days[k] = other._days[k];
                _counts[k] = sign * other._counts[k];
            }
            _count = other._count;
            return;
        }
        if (other._count <= 4)
        {
            for (var k = 0; k < other._count; k++)
            {
                Add(DateOnly.FromDayNumber(other._days[k]), sign * other._counts[k]);
            }
            return;
        }
        if (AddInPlace(other, sign))
        {
            return;
        }
        var days = new int[_count + other._count];
        var counts = new long[days.Length];
        int a = 0, b = 0, o = 0;
        while (a < _count || b < other._count)
        {
            int day;
            long n;
            if (b == other._count || (a < _count && _days[a] < other._days[b]))
            {
                (day, n) = (_days[a], _counts[a]);
                a++;
            }
            else if (a == _count || other._days[b] < _days[a])
            {
                (day, n) = (other._days[b], sign * other._counts[b]);
                b++;
            }
            else
            {
                (day, n) = (_days[a], _counts[a] + sign * other._counts[b]);
                a++;
                b++;
            }
            if (n != 0)
            {
                days[o] = day;
                counts[o] = n;
                o++;
            }
        }
        (_days, _counts, _count) = (days, counts, o);
    }

    // When every date of other is held already (a parent's subtree holds every date of each child's), adds in place and
    // drops the entries that reach zero; false (nothing changed) otherwise.
    private bool AddInPlace(DateCounts other, long sign)
    {
        var a = 0;
        for (var b = 0; b < other._count; b++)
        {
            var day = other._days[b];
            while (a < _count && _days[a] < day)
            {
                a++;
            }
            if (a == _count || _days[a] != day)
            {
                return false;
            }
        }
        var w = 0;
        var k = 0;
        for (a = 0; a < _count; a++)
        {
            var n = _counts[a];
            if (k < other._count && other._days[k] == _days[a])
            {
                n += sign * other._counts[k];
                k++;
            }
            if (n != 0)
            {
                _days[w] = _days[a];
                _counts[w] = n;
                w++;
            }
        }
        _count = w;
        return true;
    }

    /// <summary>Replaces the counts by <paramref name="other"/>'s.</summary>
    internal void CopyFrom(DateCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Reserve(other._count);
        Array.Copy(other._days, _days, other._count);
        Array.Copy(other._counts, _counts, other._count);
        _count = other._count;
    }

    /// <summary>Replaces the counts by pairs of day numbers and counts (any order; repeated days add up; zeros dropped).</summary>
    internal void Restore(ReadOnlySpan<int> dayNumbers, ReadOnlySpan<long> counts)
    {
        if (dayNumbers.Length != counts.Length)
        {
            throw new ArgumentException("dayNumbers and counts must have the same length", nameof(counts));
        }
        Clear();
        Reserve(dayNumbers.Length);
        for (var k = 0; k < dayNumbers.Length; k++)
        {
            if (_count > 0 && dayNumbers[k] > _days[_count - 1] && counts[k] != 0)
            {
                _days[_count] = dayNumbers[k];
                _counts[_count] = counts[k];
                _count++;
            }
            else
            {
                Add(DateOnly.FromDayNumber(dayNumbers[k]), counts[k]);
            }
        }
    }

    /// <summary>Removes every date.</summary>
    internal void Clear() => _count = 0;

    /// <inheritdoc />
    public bool ContainsKey(DateOnly key) => _days.AsSpan(0, _count).BinarySearch(key.DayNumber) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(DateOnly key, [MaybeNullWhen(false)] out long value)
    {
        var i = _days.AsSpan(0, _count).BinarySearch(key.DayNumber);
        value = i >= 0 ? _counts[i] : 0;
        return i >= 0;
    }

    /// <inheritdoc />
    public bool Equals(DateCounts? other) =>
        other is not null && DayNumbers.SequenceEqual(other.DayNumbers) && Counts.SequenceEqual(other.Counts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DateCounts);

    /// <inheritdoc />
    public override int GetHashCode() => _count;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<DateOnly, long>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return KeyValuePair.Create(DateOnly.FromDayNumber(_days[i]), _counts[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Reserve(int size)
    {
        if (_days.Length < size)
        {
            _days = new int[size];
            _counts = new long[size];
        }
    }
}
