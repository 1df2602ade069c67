using JobHome.Domain.Occupations;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// The seekers of one bucket; the first three occupation intentions are inline, more in
/// <see cref="OccupationMore"/>.
/// </summary>
internal sealed class SeekerSegment(int capacity) : RecordSegment<SeekerSegment, SeekerFeatures>(capacity)
{
    public readonly SeekerFilter[] Filter = new SeekerFilter[capacity];
    public readonly OccupationCode[] Occ0 = new OccupationCode[capacity];
    public readonly OccupationCode[] Occ1 = new OccupationCode[capacity];
    public readonly OccupationCode[] Occ2 = new OccupationCode[capacity];
    public readonly OccupationCode[]?[] OccupationMore = new OccupationCode[]?[capacity];
    public readonly double[] ExpectedPay = new double[capacity];
    public readonly ulong[] SkillMask = new ulong[capacity];
    public readonly int[][] SkillOverflow = new int[capacity][];

    protected override void WriteFields(int i, in SeekerFeatures features)
    {
        Lat[i] = features.Lat;
        Lon[i] = features.Lon;
        Filter[i] = new SeekerFilter(features.PackedBirth, features.EducationRank, features.Availability, features.KeyGroups, features.Rural);
        var occupations = features.Occupations;
        Occ0[i] = occupations.Length > 0 ? occupations[0] : default;
        Occ1[i] = occupations.Length > 1 ? occupations[1] : default;
        Occ2[i] = occupations.Length > 2 ? occupations[2] : default;
        OccupationMore[i] = occupations.Length > 3 ? occupations[3..] : null;
        ExpectedPay[i] = features.ExpectedPay;
        SkillMask[i] = features.Skills.Mask;
        SkillOverflow[i] = features.Skills.Overflow;
    }

    protected override void CopyFields(int i, SeekerSegment target, int j)
    {
        target.Filter[j] = Filter[i];
        target.Occ0[j] = Occ0[i];
        target.Occ1[j] = Occ1[i];
        target.Occ2[j] = Occ2[i];
        target.OccupationMore[j] = OccupationMore[i];
        target.ExpectedPay[j] = ExpectedPay[i];
        target.SkillMask[j] = SkillMask[i];
        target.SkillOverflow[j] = SkillOverflow[i];
    }

    /// <summary>Best occupation value of seeker <paramref name="i"/> for a post code (same as <see cref="FactorCurves.Occupation"/>).</summary>
    public double Occupation(int i, OccupationCode post)
    {
        var best = Occ0[i].SharedDepth(post);
        var depth = Occ1[i].SharedDepth(post);
        if (depth > best)
        {
            best = depth;
        }
        depth = Occ2[i].SharedDepth(post);
        if (depth > best)
        {
            best = depth;
        }
        if (OccupationMore[i] is { } more)
        {
            foreach (var code in more)
            {
                depth = code.SharedDepth(post);
                if (depth > best)
                {
                    best = depth;
                }
            }
        }
        return FactorCurves.OccupationByDepth[best];
    }
}
