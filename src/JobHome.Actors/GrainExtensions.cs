using JobHome.Actors.Dispatch;

namespace JobHome.Actors;

/// <summary>Identity helpers for grains and grain references.</summary>
public static class GrainExtensions
{
    /// <summary>The string key of a grain (inside the grain) or of a grain reference.</summary>
    public static string GetPrimaryKeyString(this IGrainWithStringKey grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain switch
        {
            Grain g => g.Key,
            GrainReference r => r.Key,
            _ => throw new ArgumentException($"{grain.GetType()} is neither a grain nor a grain reference.", nameof(grain)),
        };
    }
}
