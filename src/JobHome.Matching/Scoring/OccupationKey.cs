using System.Numerics;
using System.Runtime.CompilerServices;
using JobHome.Domain.Occupations;

namespace JobHome.Matching.Scoring;

/// <summary>
/// An occupation code packed into one integer for bulk scoring: the four levels as bytes (major highest) and the
/// depth above them, so that <see cref="SharedDepth"/> is one XOR and a leading-zero count. Agrees with
/// <see cref="OccupationCode.SharedDepth"/> for every pair of codes.
/// </summary>
internal static class OccupationKey
{
    /// <summary>Packs a code.</summary>
    public static long Pack(OccupationCode code) =>
        ((long)code.Depth << 32) | ((long)code.Major << 24) | ((long)code.Intermediate << 16) | ((long)code.Minor << 8) | code.Unit;

    /// <summary>Number of leading levels two packed codes share (0–4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SharedDepth(long first, long second)
    {
        // Equal leading bytes = shared leading levels; never more than the shallower code has.
        var equal = BitOperations.LeadingZeroCount((uint)(first ^ second)) >> 3;
        return Math.Min(equal, (int)Math.Min(first >> 32, second >> 32));
    }

    /// <summary>The occupation factor, as <see cref="FactorCurves.Occupation"/>, over packed intentions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Occupation(long post, ReadOnlySpan<long> intentions)
    {
        var best = 0;
        foreach (var code in intentions)
        {
            best = Math.Max(best, SharedDepth(code, post));
        }
        return FactorCurves.OccupationByDepth[best];
    }
}
