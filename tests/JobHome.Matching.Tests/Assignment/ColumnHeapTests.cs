using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

public sealed class ColumnHeapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PopMin_RandomPushesAndDecreases_PopsInKeyOrderWithFinalKeys(int seed)
    {
        var random = new Random(seed);
        const int Columns = 500;
        var heap = new ColumnHeap(Columns);
        for (int round = 0; round < 20; round++)
        {
            heap.Clear();
            var key = new Dictionary<int, long>();
            foreach (int column in Enumerable.Range(0, Columns).OrderBy(_ => random.Next()).Take(random.Next(1, Columns)))
            {
                // Few distinct keys, so ties are common.
                key[column] = random.Next(50);
                heap.Push(column, key[column]);
            }
            foreach (int column in key.Keys.OrderBy(_ => random.Next()).Take(key.Count / 2).ToList())
            {
                key[column] -= random.Next(0, 60);
                heap.Decrease(column, key[column]);
            }
            Assert.Equal(key.Count, heap.Count);
            long previous = long.MinValue;
            var popped = new HashSet<int>();
            while (heap.Count > 0)
            {
                long min = heap.MinKey;
                int column = heap.PopMin();
                Assert.Equal(key[column], min);
                Assert.True(min >= previous, $"popped key {min} after {previous}");
                Assert.True(popped.Add(column), $"column {column} popped twice");
                previous = min;
            }
            Assert.Equal(key.Count, popped.Count);
        }
    }
}
