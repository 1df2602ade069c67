using JobHome.Domain.Occupations;

namespace JobHome.Demo;

/// <summary>The job intentions drawn for a demo seeker: occupations, the skills that go with them and the pay floor they suggest.</summary>
internal readonly record struct SeekerIntentions(IReadOnlyList<OccupationCode> Occupations, IReadOnlyList<string> Skills, int PayFloor);
