namespace JobHome.Actors;

/// <summary>Marks a grain class whose requests may interleave at await points (still one thread at a time).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute
{
}
