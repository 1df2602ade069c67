using System.Globalization;

namespace JobHome.Grains;

/// <summary>
/// System-assigned record ids (seekers, households, posts, placements): a prefix and a time-ordered random UUID, never
/// derived from personal data such as the ID-card number.
/// </summary>
public static class RecordIds
{
    /// <summary>Prefix of seeker ids.</summary>
    public const string Seeker = "sk";

    /// <summary>Prefix of household ids.</summary>
    public const string Household = "hh";

    /// <summary>Prefix of post ids.</summary>
    public const string Post = "po";

    /// <summary>Prefix of placement ids.</summary>
    public const string Placement = "pl";

    /// <summary>A new id with <paramref name="prefix"/>, ordered by the time of <paramref name="time"/>.</summary>
    public static string New(string prefix, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(time);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Guid.CreateVersion7(time.GetUtcNow()):N}");
    }
}
