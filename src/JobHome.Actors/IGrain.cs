namespace JobHome.Actors;

/// <summary>Marker for grain interfaces and grain classes.</summary>
#pragma warning disable CA1040 // Marker interface by design: the proxy generator and the runtime key on it.
public interface IGrain
{
}
#pragma warning restore CA1040
