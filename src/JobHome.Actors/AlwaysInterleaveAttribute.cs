namespace JobHome.Actors;

/// <summary>Marks a grain interface method that may interleave with any other request of a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
