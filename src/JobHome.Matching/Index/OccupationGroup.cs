using JobHome.Domain.Occupations;

namespace JobHome.Matching.Index;

/// <summary>
/// The occupation group that buckets and snapshot runs are keyed by: major × 100 + intermediate, where an empty
/// code is group 0 and a code with only its major level is major × 100.
/// </summary>
internal static class OccupationGroup
{
    /// <summary>The group key of a code.</summary>
    public static int Of(OccupationCode code) =>
        code.Depth == 0 ? 0 : (code.Major * 100) + (code.Depth < 2 ? 0 : code.Intermediate);

    /// <summary>The major group of a key (0 for the empty code).</summary>
    public static int Major(int group) => group / 100;

    /// <summary>The intermediate group of a key (0 when absent).</summary>
    public static int Intermediate(int group) => group % 100;
}
