using JobHome.Domain.Indicators;
using JobHome.Tests.Shared;

namespace JobHome.Domain.Tests.Indicators;

public sealed class DateCountsTests
{
    private static readonly DateOnly Origin = new(2024, 1, 1);

    [Fact]
    public void AddAndMerge_RandomOperations_EqualASortedDictionaryOracle()
    {
        var random = new Random(20261130);
        var counts = new DateCounts();
        var oracle = new SortedDictionary<DateOnly, long>();
        for (var step = 0; step < 5_000; step++)
        {
            if (random.Next(10) == 0)
            {
                // A child's totals in or out: a merge, in place when every date is held, else a new pair of arrays.
                var other = new DateCounts();
                var sign = random.Next(2) == 0 ? 1 : -1;
                for (var k = random.Next(12); k > 0; k--)
                {
                    var date = Origin.AddDays(random.Next(60));
                    var n = random.Next(1, 4);
                    other.Add(date, n);
                }
                counts.Add(other, sign);
                foreach (var (date, n) in other)
                {
                    ByDateCounts.Bump(oracle, date, sign * n);
                }
            }
            else
            {
                var date = Origin.AddDays(random.Next(60));
                var delta = random.Next(2) == 0 ? 1 : -1;
                counts.Add(date, delta);
                ByDateCounts.Bump(oracle, date, delta);
            }
            Assert.Equal(oracle.Count, counts.Count);
        }
        Assert.Equal(oracle.ToArray(), counts.ToArray());
        Assert.Equal(oracle.Values.Sum(), counts.Total());
        Assert.DoesNotContain(0L, counts.Values);
    }

    [Fact]
    public void AddInPlace_ChildLeavesEveryDate_DropsTheZeros()
    {
        var subtree = new DateCounts();
        var child = new DateCounts();
        for (var d = 0; d < 8; d++)
        {
            subtree.Add(Origin.AddDays(d), d % 2 == 0 ? 1 : 5);
            child.Add(Origin.AddDays(d), 1);
        }
        subtree.Add(child, -1);
        Assert.Equal([Origin.AddDays(1), Origin.AddDays(3), Origin.AddDays(5), Origin.AddDays(7)], subtree.Keys.ToArray());
        Assert.All(subtree.Values, n => Assert.Equal(4, n));
    }

    [Fact]
    public void TotalWhileOlder_CountsTheLeadingDatesOnly()
    {
        var counts = new DateCounts();
        counts.Add(Origin, 2);
        counts.Add(Origin.AddDays(10), 3);
        counts.Add(Origin.AddDays(20), 7);
        Assert.Equal(5, counts.TotalWhileOlder(d => d < Origin.AddDays(15)));
        Assert.Equal(0, counts.TotalWhileOlder(_ => false));
        Assert.Equal(12, counts.Total());
    }

    [Fact]
    public void Restore_UnsortedWithRepeatsAndZeros_SortsAddsAndDrops()
    {
        var counts = new DateCounts();
        counts.Add(Origin, 9);
        int[] days = [Origin.DayNumber + 5, Origin.DayNumber + 1, Origin.DayNumber + 5, Origin.DayNumber + 3];
        long[] values = [2, 4, 1, 0];
        counts.Restore(days, values);
        Assert.Equal([Origin.DayNumber + 1, Origin.DayNumber + 5], counts.DayNumbers.ToArray());
        Assert.Equal([4L, 3L], counts.Counts.ToArray());
        Assert.Throws<ArgumentException>(() => counts.Restore(days, [1L]));
    }
}
