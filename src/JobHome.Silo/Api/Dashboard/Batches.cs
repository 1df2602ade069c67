namespace JobHome.Silo.Api.Dashboard;

/// <summary>Grain calls over many keys, a bounded number in flight (a province map asks ~20,000 aggregators).</summary>
internal static class Batches
{
    /// <summary>How many calls run at once.</summary>
    public const int Size = 256;

    /// <summary>Calls <paramref name="call"/> for each item, <see cref="Size"/> at a time; results in item order.</summary>
    public static async Task<TResult[]> SelectAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> call,
        CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        for (var start = 0; start < items.Count; start += Size)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(items.Count, start + Size);
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
