namespace JobHome.Silo.Api.Dashboard;

/// <summary>The standardisation checklist's verdict (达标 / 不达标) with the failing items.</summary>
public sealed record CardChecklist(string Verdict, bool Passed, CardChecklistItem[] Failing);
