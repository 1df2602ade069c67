using System.Runtime.CompilerServices;
using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Matching.Scoring;

/// <summary>
/// The hard filters (eligibility rules) over packed fields, in the one place every path reads them: the scorer,
/// the real-time index scans and the fair candidate search. The boolean forms use non-short-circuit <c>&amp;</c> so
/// that a scan can evaluate them without branches; <see cref="FirstFailure"/> names the first rule that fails, in
/// <see cref="Ineligibility"/> order. Distance is checked last and separately (it needs the haversine).
/// </summary>
internal static class HardFilters
{
    /// <summary>The post has free openings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasOpenings(int openings) => openings > 0;

    /// <summary>The seeker's availability includes the post's kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool KindFits(WorkKind availability, WorkKind kind) => (availability & kind) != 0;

    /// <summary>The seeker is in a key group that may take a public-welfare post.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PublicWelfareEligible(KeyGroups groups) => (groups & KeyGroupTokens.PublicWelfareEligible) != 0;

    /// <summary>A market post takes anyone; a public-welfare post only <see cref="PublicWelfareEligible"/> seekers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PublicWelfareFits(WorkKind kind, bool publicWelfareEligible) =>
        (kind != WorkKind.PublicWelfare) | publicWelfareEligible;

    /// <summary>The seeker's education rank meets the post's minimum rank.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EducationFits(byte educationRank, byte minEducationRank) => educationRank >= minEducationRank;

    /// <summary>The age lies in [<paramref name="ageMin"/>, <paramref name="ageMax"/>], both inclusive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AgeFits(int age, int ageMin, int ageMax) => (age >= ageMin) & (age <= ageMax);

    /// <summary>The distance is within the commute limit (inclusive; a NaN distance never is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool WithinCommute(double km, double limitKm) => km <= limitKm;

    /// <summary>Every filter but openings and distance holds (kind, public-welfare group, education, age).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(
        WorkKind availability, bool publicWelfareEligible, byte educationRank, int age,
        WorkKind kind, byte minEducationRank, int ageMin, int ageMax) =>
        KindFits(availability, kind) & PublicWelfareFits(kind, publicWelfareEligible)
        & EducationFits(educationRank, minEducationRank) & AgeFits(age, ageMin, ageMax);

    /// <summary>The first filter before distance that fails, in <see cref="Ineligibility"/> order; else <c>None</c>.</summary>
    public static Ineligibility FirstFailure(
        WorkKind availability, KeyGroups groups, byte educationRank, int age,
        int openings, WorkKind kind, byte minEducationRank, int ageMin, int ageMax)
    {
        if (!HasOpenings(openings))
        {
            return Ineligibility.NoOpenings;
        }
        if (!KindFits(availability, kind))
        {
            return Ineligibility.Kind;
        }
        if (!PublicWelfareFits(kind, PublicWelfareEligible(groups)))
        {
            return Ineligibility.PublicWelfareGroup;
        }
        if (!EducationFits(educationRank, minEducationRank))
        {
            return Ineligibility.Education;
        }
        if (!AgeFits(age, ageMin, ageMax))
        {
            return age < ageMin ? Ineligibility.TooYoung : Ineligibility.TooOld;
        }
        return Ineligibility.None;
    }
}
