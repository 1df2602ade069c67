namespace JobHome.Actors.Storage;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be injected under <paramref name="stateName"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    /// <summary>The state's name, part of its storage key.</summary>
    public string StateName { get; } = stateName;
}
