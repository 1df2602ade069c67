namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// One period of a seeker's labour status: the status token, its start, its end (the next change's start; null for the
/// current one) and the cause (<c>registration placement end correction deregistration</c>, or <c>unrecorded</c>).
/// </summary>
public sealed record StatusHistoryItem(string Status, DateOnly Since, DateOnly? Until, string Cause);
