namespace JobHome.Actors.Activation;

/// <summary>Single-silo placement: everything is local.</summary>
internal sealed class LocalPlacementDirector : IPlacementDirector
{
    public SiloAddress Place(GrainId id) => SiloAddress.Local;
}
