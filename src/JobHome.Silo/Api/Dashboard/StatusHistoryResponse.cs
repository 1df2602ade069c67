namespace JobHome.Silo.Api.Dashboard;

/// <summary>A seeker's status history, oldest first.</summary>
public sealed record StatusHistoryResponse(string SeekerId, StatusHistoryItem[] Items);
