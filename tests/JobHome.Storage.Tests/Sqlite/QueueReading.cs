using Orleans.Streams;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>Reads a stream queue below Orleans' pulling agent, as the agent does: pages of 100 until one comes back empty.</summary>
internal static class QueueReading
{
    /// <summary>Every message <paramref name="receiver"/> hands out now, in order.</summary>
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
