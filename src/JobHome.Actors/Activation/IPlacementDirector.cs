namespace JobHome.Actors.Activation;

/// <summary>Chooses the silo that hosts a new activation (cluster: hashing over live silos).</summary>
internal interface IPlacementDirector
{
    SiloAddress Place(GrainId id);
}
