using BenchmarkDotNet.Attributes;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Serialization;

namespace JobHome.Benchmarks.Indicators;

/// <summary>
/// An aggregator's by-date counts on the change path: a record's change, the copy a report sends up, a parent replacing
/// a child's totals, the wire form there and back. <c>Old*</c> is the sorted-dictionary form before 30 Nov 2026
/// (<see cref="SortedDictionaryCounts"/>), <c>New*</c> today's <see cref="IndicatorCounts"/> (sorted arrays).
/// <see cref="Dates"/>: distinct status dates held (a village holds a few hundred, a county or province thousands).
/// </summary>
[MemoryDiagnoser]
public class IndicatorCountsBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private readonly IndicatorCountsSurrogateConverter _converter = new();
    private SortedDictionaryCounts _oldCounts = null!;
    private SortedDictionaryCounts _oldChildBefore = null!;
    private SortedDictionaryCounts _oldChildAfter = null!;
    private IndicatorCounts _newCounts = null!;
    private IndicatorCounts _newChildBefore = null!;
    private IndicatorCounts _newChildAfter = null!;
    private IndicatorContribution _unemployed;
    private IndicatorContribution _employed;
    private bool _flip;

    /// <summary>Distinct status dates held by the aggregator.</summary>
    [Params(300, 3000)]
    public int Dates { get; set; }

    /// <summary>Counts over <see cref="Dates"/> dates; a child holding every other date; its next report one person more.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _oldCounts = new SortedDictionaryCounts();
        _oldChildBefore = new SortedDictionaryCounts();
        _newCounts = new IndicatorCounts();
        _newChildBefore = new IndicatorCounts();
        for (var d = 0; d < Dates; d++)
        {
            var person = IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddDays(-d), 0);
            var household = IndicatorContribution.Household(Today.AddDays(-d));
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                _oldCounts.Apply(person);
                _newCounts.Apply(person);
                if (d % 2 == 0)
                {
                    _oldChildBefore.Apply(person);
                    _newChildBefore.Apply(person);
                }
            }
            if (d % 3 == 0)
            {
                _oldCounts.Apply(household);
                _newCounts.Apply(household);
            }
        }
        _oldChildAfter = _oldChildBefore.Copy();
        _newChildAfter = _newChildBefore.Clone();
        // A date the child holds already (every other one): its next report changes a count, not the dates.
        var extra = IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddDays(-(Dates / 4 * 2)), 0);
        _oldChildAfter.Apply(extra);
        _newChildAfter.Apply(extra);
        _unemployed = IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddDays(-Dates / 3), 0);
        _employed = IndicatorContribution.Person(LabourStatus.Employed, Today, 1);
        _oldCounts.Apply(_unemployed);
        _newCounts.Apply(_unemployed);
    }

    /// <summary>A placement then its end, as two changes of one person (before: remove and add).</summary>
    [Benchmark]
    public long OldChange()
    {
        _oldCounts.Change(_unemployed, _employed);
        _oldCounts.Change(_employed, _unemployed);
        return _oldCounts.Employed;
    }

    /// <summary>A placement then its end, as two changes of one person.</summary>
    [Benchmark]
    public long NewChange()
    {
        _newCounts.Change(_unemployed, _employed);
        _newCounts.Change(_employed, _unemployed);
        return _newCounts.Employed;
    }

    /// <summary>A report's copy of the subtree's counts.</summary>
    [Benchmark]
    public object OldReportCopy() => _oldCounts.Copy();

    /// <summary>A report's copy of the subtree's counts.</summary>
    [Benchmark]
    public object NewReportCopy() => _newCounts.Clone();

    /// <summary>A parent replacing a child's totals by its next report, and back (two reports).</summary>
    [Benchmark]
    public long OldParentReplace()
    {
        var (from, to) = _flip ? (_oldChildAfter, _oldChildBefore) : (_oldChildBefore, _oldChildAfter);
        _flip = !_flip;
        _oldCounts.Add(from, -1);
        _oldCounts.Add(to);
        return _oldCounts.Employed;
    }

    /// <summary>A parent replacing a child's totals by its next report, and back (two reports).</summary>
    [Benchmark]
    public long NewParentReplace()
    {
        var (from, to) = _flip ? (_newChildAfter, _newChildBefore) : (_newChildBefore, _newChildAfter);
        _flip = !_flip;
        _newCounts.Add(to);
        _newCounts.Add(from, -1);
        return _newCounts.Employed;
    }

    /// <summary>The wire form and back (the surrogate's dictionaries).</summary>
    [Benchmark]
    public object OldWireRoundTrip() => _oldCounts.WireRoundTrip();

    /// <summary>The wire form and back (the surrogate's arrays).</summary>
    [Benchmark]
    public object NewWireRoundTrip() => _converter.ConvertFromSurrogate(_converter.ConvertToSurrogate(_newCounts));
}
