namespace JobHome.Grains;

/// <summary>Grain calls over many keys with a bounded number in flight (a province asks ~20,000 aggregators).</summary>
public static class GrainBatches
{
    /// <summary>
    /// Calls <paramref name="call"/> for each item, <paramref name="size"/> at a time (the next batch starts when the whole
    /// batch is done); results in item order.
    /// </summary>
    public static async Task<TResult[]> SelectAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> call,
        int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var results = new TResult[items.Count];
        for (var start = 0; start < items.Count; start += size)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(items.Count, start + size);
            var batch = new Task<TResult>[end - start];
            for (var i = start; i < end; i++)
            {
                batch[i - start] = call(items[i]);
            }
            var done = await Task.WhenAll(batch);
            done.CopyTo(results, start);
        }
        return results;
    }
}
