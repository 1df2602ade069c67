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

    protected override void WriteFields(int index, in PostFeatures features)
    {
        Lat[index] = features.Lat;
        Lon[index] = features.Lon;
        Filter[index] = new PostFilter(features.AgeMin, features.AgeMax, features.Openings, features.Kind, features.MinEducationRank);
        Occupation[index] = features.Occupation;
        PayMin[index] = features.PayMin;
        PayMax[index] = features.PayMax;
        SkillMask[index] = features.Skills.Mask;
        SkillOverflow[index] = features.Skills.Overflow;
        SkillCount[index] = features.Skills.Count;
    }

    protected override void CopyFields(int index, PostSegment target, int targetIndex)
    {
        target.Filter[targetIndex] = Filter[index];
        target.Occupation[targetIndex] = Occupation[index];
        target.PayMin[targetIndex] = PayMin[index];
        target.PayMax[targetIndex] = PayMax[index];
        target.SkillMask[targetIndex] = SkillMask[index];
        target.SkillOverflow[targetIndex] = SkillOverflow[index];
        target.SkillCount[targetIndex] = SkillCount[index];
    }
}
