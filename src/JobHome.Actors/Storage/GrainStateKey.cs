namespace JobHome.Actors.Storage;

/// <summary>Identifies one named state of one grain.</summary>
/// <param name="GrainType">Stable grain type name (the interface's name).</param>
/// <param name="GrainId">The grain's string key.</param>
/// <param name="StateName">The state's name as given to <c>[PersistentState]</c>.</param>
public readonly record struct GrainStateKey(string GrainType, string GrainId, string StateName);
