using JobHome.Grains;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>The dashboard's grain calls over many keys: <see cref="GrainBatches"/> with <see cref="Size"/> in flight.</summary>
internal static class Batches
{
    /// <summary>How many calls run at once.</summary>
    public const int Size = 256;

    /// <summary>Calls <paramref name="call"/> for each item, <see cref="Size"/> at a time; results in item order.</summary>
    public static Task<TResult[]> SelectAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> call,
        CancellationToken cancellationToken) => GrainBatches.SelectAsync(items, call, Size, cancellationToken);
}
