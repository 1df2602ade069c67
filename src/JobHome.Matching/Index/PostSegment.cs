using JobHome.Domain.Occupations;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Structure-of-arrays storage of posts in one bucket. Slots below <see cref="Count"/> are immutable once
/// published (only <see cref="Dead"/> flips to 1), so readers never see a half-written record.
/// </summary>
internal sealed class PostSegment
{
    public PostSegment(int capacity)
    {
        Lat = new double[capacity];
        Lon = new double[capacity];
        Filter = new PostFilter[capacity];
        Occupation = new OccupationCode[capacity];
        PayMin = new double[capacity];
        PayMax = new double[capacity];
        SkillMask = new ulong[capacity];
        SkillOverflow = new int[capacity][];
        SkillCount = new int[capacity];
        Slots = new RecordSlot[capacity];
        Dead = new byte[capacity];
    }

    /// <summary>Published record count; written with release semantics after the record's fields.</summary>
    public int Count;

    public int Capacity => Lat.Length;

    public readonly double[] Lat;
    public readonly double[] Lon;
    public readonly PostFilter[] Filter;
    public readonly OccupationCode[] Occupation;
    public readonly double[] PayMin;
    public readonly double[] PayMax;
    public readonly ulong[] SkillMask;
    public readonly int[][] SkillOverflow;
    public readonly int[] SkillCount;
    public readonly RecordSlot[] Slots;
    public readonly byte[] Dead;

    public void Write(int i, in PostFeatures f, RecordSlot slot)
    {
        Lat[i] = f.Lat;
        Lon[i] = f.Lon;
        Filter[i] = new PostFilter(f.AgeMin, f.AgeMax, f.Openings, f.Kind, f.MinEducationRank);
        Occupation[i] = f.Occupation;
        PayMin[i] = f.PayMin;
        PayMax[i] = f.PayMax;
        SkillMask[i] = f.Skills.Mask;
        SkillOverflow[i] = f.Skills.Overflow;
        SkillCount[i] = f.Skills.Count;
        Slots[i] = slot;
        Dead[i] = 0;
    }

    public void CopyTo(int i, PostSegment target, int j)
    {
        target.Lat[j] = Lat[i];
        target.Lon[j] = Lon[i];
        target.Filter[j] = Filter[i];
        target.Occupation[j] = Occupation[i];
        target.PayMin[j] = PayMin[i];
        target.PayMax[j] = PayMax[i];
        target.SkillMask[j] = SkillMask[i];
        target.SkillOverflow[j] = SkillOverflow[i];
        target.SkillCount[j] = SkillCount[i];
        target.Slots[j] = Slots[i];
        target.Dead[j] = 0;
    }
}
