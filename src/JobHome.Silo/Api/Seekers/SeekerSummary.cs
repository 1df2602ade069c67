namespace JobHome.Silo.Api.Seekers;

/// <summary>One search hit: ids, name, masked ID number and labour status.</summary>
public sealed record SeekerSummary(string Id, string SiteCode, string Name, string IdNumberMasked, string Status, DateOnly StatusSince);
