using JobHome.Domain.Work;

namespace JobHome.Matching.Index;

/// <summary>The hard-filter fields of a post, packed together so the filter pass touches one cache line per few posts.</summary>
internal readonly struct PostFilter(int ageMin, int ageMax, int openings, WorkKind kind, byte minEducation)
{
    public readonly int AgeMin = ageMin;
    public readonly int AgeMax = ageMax;
    public readonly int Openings = openings;
    public readonly WorkKind Kind = kind;
    public readonly byte MinEducation = minEducation;
}
