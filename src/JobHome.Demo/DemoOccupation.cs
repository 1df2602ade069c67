using JobHome.Domain.Occupations;
using JobHome.Domain.People;

namespace JobHome.Demo;

/// <summary>An occupation used by the demo: code, post title, typical skills, pay band (CNY/month) and usual minimum education.</summary>
public sealed record DemoOccupation(OccupationCode Code, string Title, IReadOnlyList<string> Skills, int PayLow, int PayHigh,
    EducationLevel MinEducation);
