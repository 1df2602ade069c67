namespace JobHome.Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The silo is stopping.</summary>
    ShuttingDown,
}
