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

    protected override void WriteFields(int index, in SeekerFeatures features)
    {
        Lat[index] = features.Lat;
        Lon[index] = features.Lon;
        Filter[index] = new SeekerFilter(
            features.PackedBirth, features.EducationRank, features.Availability, features.KeyGroups, features.Rural);
        var occupations = features.Occupations;
        Occ0[index] = occupations.Length > 0 ? occupations[0] : default;
        Occ1[index] = occupations.Length > 1 ? occupations[1] : default;
        Occ2[index] = occupations.Length > 2 ? occupations[2] : default;
        OccupationMore[index] = occupations.Length > 3 ? occupations[3..] : null;
        ExpectedPay[index] = features.ExpectedPay;
        SkillMask[index] = features.Skills.Mask;
        SkillOverflow[index] = features.Skills.Overflow;
    }

    protected override void CopyFields(int index, SeekerSegment target, int targetIndex)
    {
        target.Filter[targetIndex] = Filter[index];
        target.Occ0[targetIndex] = Occ0[index];
        target.Occ1[targetIndex] = Occ1[index];
        target.Occ2[targetIndex] = Occ2[index];
        target.OccupationMore[targetIndex] = OccupationMore[index];
        target.ExpectedPay[targetIndex] = ExpectedPay[index];
        target.SkillMask[targetIndex] = SkillMask[index];
        target.SkillOverflow[targetIndex] = SkillOverflow[index];
    }

    /// <summary>Best occupation value of seeker <paramref name="index"/> for a post (as <see cref="FactorCurves.Occupation"/>).</summary>
    public double Occupation(int index, OccupationCode post)
    {
        var best = Occ0[index].SharedDepth(post);
        var depth = Occ1[index].SharedDepth(post);
        if (depth > best)
        {
            best = depth;
        }
        depth = Occ2[index].SharedDepth(post);
        if (depth > best)
        {
            best = depth;
        }
        if (OccupationMore[index] is { } more)
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
