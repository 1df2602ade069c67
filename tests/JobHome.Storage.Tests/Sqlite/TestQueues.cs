using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>What the SQLite stream queue tests share below Orleans' pulling agent: the batch serializer a queue factory
/// takes, and reading a queue as the agent does.</summary>
internal static class TestQueues
{
    private static readonly Lazy<IServiceProvider> Services =
        new(() => new ServiceCollection().AddSerializer().AddLogging().BuildServiceProvider());

    /// <summary>The serializer of the queue's batches (Orleans' serializer, built once per test process).</summary>
    public static Serializer<SqliteBatchContainer> Serializer => Services.Value.GetRequiredService<Serializer<SqliteBatchContainer>>();

    /// <summary>The copier of the request context a publish exports into its row.</summary>
    public static DeepCopier Copier => Services.Value.GetRequiredService<DeepCopier>();

    /// <summary>Every message <paramref name="receiver"/> hands out now, in order: pages of 100 until one comes back empty.</summary>
    public static async Task<List<IBatchContainer>> ReadAllAsync(IQueueAdapterReceiver receiver)
    {
        var all = new List<IBatchContainer>();
        while (true)
        {
            var page = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }
}
