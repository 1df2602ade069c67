namespace JobHome.Silo.Api.Seekers;

/// <summary>One page of search hits (pages count from 1).</summary>
public sealed record SeekerSearchPage(string SiteCode, int Page, int PageSize, int Total, SeekerSummary[] Items);
