namespace JobHome.Actors;

/// <summary>Overrides the stable grain type name (used in storage keys and reminders) of a grain class. Default: the full name of the interface the grain was registered with.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeNameAttribute(string name) : Attribute
{
    /// <summary>The stable name.</summary>
    public string Name { get; } = name;
}
