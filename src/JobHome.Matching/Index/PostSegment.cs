using JobHome.Domain.Occupations;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>The posts of one bucket: hard-filter fields packed together, scoring fields in their own arrays.</summary>
internal sealed class PostSegment(int capacity) : RecordSegment<PostSegment, PostFeatures>(capacity)
{
    public readonly PostFilter[] Filter = new PostFilter[capacity];
    public readonly OccupationCode[] Occupation = new OccupationCode[capacity];
    public readonly double[] PayMin = new double[capacity];
    public readonly double[] PayMax = new double[capacity];
    public readonly ulong[] SkillMask = new ulong[capacity];
    public readonly int[][] SkillOverflow = new int[capacity][];
    public readonly int[] SkillCount = new int[capacity];

    protected override void WriteFields(int i, in PostFeatures features)
    {
        Lat[i] = features.Lat;
        Lon[i] = features.Lon;
        Filter[i] = new PostFilter(features.AgeMin, features.AgeMax, features.Openings, features.Kind, features.MinEducationRank);
        Occupation[i] = features.Occupation;
        PayMin[i] = features.PayMin;
        PayMax[i] = features.PayMax;
        SkillMask[i] = features.Skills.Mask;
        SkillOverflow[i] = features.Skills.Overflow;
        SkillCount[i] = features.Skills.Count;
    }

    protected override void CopyFields(int i, PostSegment target, int j)
    {
        target.Filter[j] = Filter[i];
        target.Occupation[j] = Occupation[i];
        target.PayMin[j] = PayMin[i];
        target.PayMax[j] = PayMax[i];
        target.SkillMask[j] = SkillMask[i];
        target.SkillOverflow[j] = SkillOverflow[i];
        target.SkillCount[j] = SkillCount[i];
    }
}
