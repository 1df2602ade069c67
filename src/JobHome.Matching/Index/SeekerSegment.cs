using JobHome.Domain.Occupations;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Structure-of-arrays storage of seekers in one bucket; the first three occupation intentions are inline,
/// more in <see cref="OccupationMore"/>. Same publication rules as <see cref="PostSegment"/>.
/// </summary>
internal sealed class SeekerSegment
{
    public SeekerSegment(int capacity)
    {
        Lat = new double[capacity];
        Lon = new double[capacity];
        Filter = new SeekerFilter[capacity];
        Occ0 = new OccupationCode[capacity];
        Occ1 = new OccupationCode[capacity];
        Occ2 = new OccupationCode[capacity];
        OccupationMore = new OccupationCode[]?[capacity];
        ExpectedPay = new double[capacity];
        SkillMask = new ulong[capacity];
        SkillOverflow = new int[capacity][];
        Slots = new RecordSlot[capacity];
        Dead = new byte[capacity];
    }

    /// <summary>Published record count; written with release semantics after the record's fields.</summary>
    public int Count;

    public int Capacity => Lat.Length;

    public readonly double[] Lat;
    public readonly double[] Lon;
    public readonly SeekerFilter[] Filter;
    public readonly OccupationCode[] Occ0;
    public readonly OccupationCode[] Occ1;
    public readonly OccupationCode[] Occ2;
    public readonly OccupationCode[]?[] OccupationMore;
    public readonly double[] ExpectedPay;
    public readonly ulong[] SkillMask;
    public readonly int[][] SkillOverflow;
    public readonly RecordSlot[] Slots;
    public readonly byte[] Dead;

    public void Write(int i, in SeekerFeatures f, RecordSlot slot)
    {
        Lat[i] = f.Lat;
        Lon[i] = f.Lon;
        Filter[i] = new SeekerFilter(f.PackedBirth, f.EducationRank, f.Availability, f.KeyGroups, f.Rural);
        var occ = f.Occupations;
        Occ0[i] = occ.Length > 0 ? occ[0] : default;
        Occ1[i] = occ.Length > 1 ? occ[1] : default;
        Occ2[i] = occ.Length > 2 ? occ[2] : default;
        OccupationMore[i] = occ.Length > 3 ? occ[3..] : null;
        ExpectedPay[i] = f.ExpectedPay;
        SkillMask[i] = f.Skills.Mask;
        SkillOverflow[i] = f.Skills.Overflow;
        Slots[i] = slot;
        Dead[i] = 0;
    }

    public void CopyTo(int i, SeekerSegment target, int j)
    {
        target.Lat[j] = Lat[i];
        target.Lon[j] = Lon[i];
        target.Filter[j] = Filter[i];
        target.Occ0[j] = Occ0[i];
        target.Occ1[j] = Occ1[i];
        target.Occ2[j] = Occ2[i];
        target.OccupationMore[j] = OccupationMore[i];
        target.ExpectedPay[j] = ExpectedPay[i];
        target.SkillMask[j] = SkillMask[i];
        target.SkillOverflow[j] = SkillOverflow[i];
        target.Slots[j] = Slots[i];
        target.Dead[j] = 0;
    }

    /// <summary>Best occupation value of seeker <paramref name="i"/> for a post code (same as <see cref="FactorCurves.Occupation"/>).</summary>
    public double Occupation(int i, OccupationCode post)
    {
        var best = Occ0[i].SharedDepth(post);
        var d = Occ1[i].SharedDepth(post);
        if (d > best)
        {
            best = d;
        }
        d = Occ2[i].SharedDepth(post);
        if (d > best)
        {
            best = d;
        }
        if (OccupationMore[i] is { } more)
        {
            foreach (var code in more)
            {
                d = code.SharedDepth(post);
                if (d > best)
                {
                    best = d;
                }
            }
        }
        return FactorCurves.OccupationByDepth[best];
    }
}
