using System.Reflection;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>
/// A silo-wide incoming call filter that holds one grain method until another has arrived: a test proves two calls are
/// in flight together (the held one can only finish once the other was sent). When the other never comes while the
/// held one waits — the caller sends them one after the other — the held call goes on after a deadline and
/// <see cref="TimedOut"/> says so.
/// </summary>
public sealed class CallGate : IIncomingGrainCallFilter
{
    // Below Orleans' 30-s response timeout, so a held call that gives up still answers.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(25);
    private Rule? _rule;

    /// <summary>True when the held call went on without the awaited one having arrived.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>True once the awaited call arrived.</summary>
    public bool Arrived => _rule?.Arrived.Task.IsCompleted ?? false;

    /// <summary>
    /// From now on, holds <paramref name="heldInterface"/>.<paramref name="heldMethod"/> until
    /// <paramref name="awaitedInterface"/>.<paramref name="awaitedMethod"/> arrives; each only when it names
    /// <paramref name="heldRecord"/> or <paramref name="awaitedRecord"/> (grain key or argument), so other tests' calls pass.
    /// </summary>
    public void Hold(Type heldInterface, string heldMethod, string heldRecord, Type awaitedInterface, string awaitedMethod,
        string awaitedRecord)
    {
        TimedOut = false;
        _rule = new Rule(heldInterface, heldMethod, heldRecord, awaitedInterface, awaitedMethod, awaitedRecord);
    }

    /// <summary>Stops holding anything.</summary>
    public void Clear() => _rule = null;

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (_rule is { } rule)
        {
            if (Is(context.InterfaceMethod, rule.AwaitedInterface, rule.AwaitedMethod) && Mentions(context, rule.AwaitedRecord))
            {
                rule.Arrived.TrySetResult();
            }
            else if (Is(context.InterfaceMethod, rule.HeldInterface, rule.HeldMethod) && Mentions(context, rule.HeldRecord))
            {
                try
                {
                    await rule.Arrived.Task.WaitAsync(Deadline);
                }
                catch (TimeoutException)
                {
                    TimedOut = true;
                }
            }
        }
        await context.Invoke();
    }

    private static bool Is(MethodInfo? method, Type type, string name) =>
        method is not null && method.DeclaringType == type && method.Name == name;

    // The gated calls name the record either as an argument or as the grain's key.
    private static bool Mentions(IIncomingGrainCallContext context, string argument)
    {
        if (context.TargetId.Key.ToString() == argument)
        {
            return true;
        }
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            var value = context.Request.GetArgument(i);
            if (value is string text && text == argument)
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Rule(Type HeldInterface, string HeldMethod, string HeldRecord, Type AwaitedInterface, string AwaitedMethod,
        string AwaitedRecord)
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
