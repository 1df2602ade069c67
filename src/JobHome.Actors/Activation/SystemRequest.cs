using JobHome.Actors.Dispatch;

namespace JobHome.Actors.Activation;

/// <summary>A runtime-internal turn (activation, deactivation): exclusive, no caller waiting on a promise.</summary>
internal abstract class SystemRequest : GrainRequestBase
{
    public override string InterfaceName => "JobHome.Actors.Runtime";

    internal override bool IsSystem => true;

    internal override Task InvokeUntyped(object grain) => throw new NotSupportedException();

    internal override Task CreatePromise() => throw new NotSupportedException();

    internal override void CompletePromise(Task finished)
    {
    }

    internal override void FailPromise(Exception exception)
    {
    }
}
