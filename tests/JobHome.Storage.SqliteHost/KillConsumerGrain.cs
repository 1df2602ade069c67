using System.Globalization;
using JobHome.Storage.Streams;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace JobHome.Storage.SqliteHost;

/// <summary>
/// Applies each event number once, writing aggregate and position in one state write per delivered batch; that write also
/// deletes the batch's queue rows (<see cref="StreamAcknowledgement"/>), so a SIGKILL finds both stored or neither.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class KillConsumerGrain([PersistentState(KillConsumerGrain.StateName)] IPersistentState<KillConsumerState> state)
    : Grain, IKillConsumerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<long>
{
    /// <summary>The stream namespace.</summary>
    public const string Namespace = "jobhome-kill";

    /// <summary>The state name (the parent reads it from the file).</summary>
    public const string StateName = "consumer";

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<long>().ResumeAsync(this);

    /// <inheritdoc />
    public async Task OnNextAsync(IList<SequentialItem<long>> items)
    {
        var s = state.State;
        foreach (var item in items)
        {
            if (item.Item < s.Next)
            {
                s.Duplicates++;
            }
            else if (item.Item > s.Next)
            {
                s.Gaps++;
            }
            else
            {
                s.Next++;
                s.Sum += item.Item;
            }
        }

        using (StreamAcknowledgement.Begin(items.Select(i => i.Token), writes: 1))
        {
            await state.WriteStateAsync();
        }

        HostOutput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"APPLIED {this.GetPrimaryKeyString()[1..]} {s.Next}"));
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
