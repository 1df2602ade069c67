namespace JobHome.Actors;

/// <summary>A grain interface whose grains are identified by a string key; the proxy generator emits a reference for every interface deriving from it.</summary>
#pragma warning disable CA1040 // Marker interface by design.
public interface IGrainWithStringKey : IGrain
{
}
#pragma warning restore CA1040
