using System.Numerics;
using System.Runtime.CompilerServices;

namespace JobHome.Matching.Scoring;

/// <summary>An encoded set of skills: a 64-bit mask for ids below 64, sorted overflow ids, and the number of distinct skills.</summary>
/// <param name="Mask">Bits of ids 0–63.</param>
/// <param name="Overflow">Sorted ids ≥ 64.</param>
/// <param name="Count">Distinct skills, including any not in the vocabulary.</param>
internal readonly record struct SkillSet(ulong Mask, int[] Overflow, int Count)
{
    /// <summary>How many required skills the holder has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Matched(ulong requiredMask, int[] requiredOverflow, ulong haveMask, int[] haveOverflow)
    {
        var n = BitOperations.PopCount(requiredMask & haveMask);
        if (requiredOverflow.Length != 0 && haveOverflow.Length != 0)
        {
            n += CountCommon(requiredOverflow, haveOverflow);
        }
        return n;
    }

    private static int CountCommon(int[] a, int[] b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                n++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return n;
    }
}
