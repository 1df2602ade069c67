using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Matching.Index;

/// <summary>The hard-filter and priority fields of a seeker, packed together.</summary>
internal readonly struct SeekerFilter(int packedBirth, byte education, WorkKind availability, KeyGroups groups, bool rural)
{
    public readonly int PackedBirth = packedBirth;
    public readonly KeyGroups Groups = groups;
    public readonly byte Education = education;
    public readonly WorkKind Availability = availability;
    public readonly bool Rural = rural;
}
