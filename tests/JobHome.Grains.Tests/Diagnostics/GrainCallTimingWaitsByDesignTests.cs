using System.Net;
using JobHome.Grains.Diagnostics;

namespace JobHome.Grains.Tests.Diagnostics;

/// <summary>
/// Which calls wait by design and are never counted or logged as slow: only a pulling stream agent's timer callback (its
/// read loop waits up to the queue's idle wait on an idle silo). Grain timers and other system targets stay timed.
/// </summary>
public sealed class GrainCallTimingWaitsByDesignTests
{
    private static readonly SiloAddress Silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

    [Fact]
    public void WaitsByDesign_StreamAgentTimerCallback_True()
    {
        var agent = SystemTargetGrainId.Create(GrainType.Create("sys.svc.stream.agent"), Silo, "jobhome_1_jobhome-0-0x00000000");

        Assert.True(GrainCallTiming.WaitsByDesign(agent.GrainId, "InvokeCallbackAsync"));
    }

    [Fact]
    public void WaitsByDesign_StreamAgentOtherMethod_False()
    {
        var agent = SystemTargetGrainId.Create(GrainType.Create("sys.svc.stream.agent"), Silo, "jobhome_1_jobhome-0-0x00000000");

        Assert.False(GrainCallTiming.WaitsByDesign(agent.GrainId, "DeliverBatch"));
    }

    [Fact]
    public void WaitsByDesign_StreamAgentManagerTimer_False()
    {
        var manager = SystemTargetGrainId.Create(GrainType.Create("sys.svc.stream.agent-mgr"), Silo, "jobhome");

        Assert.False(GrainCallTiming.WaitsByDesign(manager.GrainId, "InvokeCallbackAsync"));
    }

    [Fact]
    public void WaitsByDesign_OtherSystemTargetTimer_False()
    {
        var membership = SystemTargetGrainId.Create(GrainType.Create("sys.svc.membership"), Silo);

        Assert.False(GrainCallTiming.WaitsByDesign(membership.GrainId, "InvokeCallbackAsync"));
    }

    [Fact]
    public void WaitsByDesign_GrainTimerCallback_False()
    {
        var partition = GrainId.Create("matchpartition", "g/50/235");

        Assert.False(GrainCallTiming.WaitsByDesign(partition, "InvokeCallbackAsync"));
    }
}
