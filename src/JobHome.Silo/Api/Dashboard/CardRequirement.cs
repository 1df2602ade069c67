namespace JobHome.Silo.Api.Dashboard;

/// <summary>A level requirement a site does not meet yet (id, English, Chinese).</summary>
public sealed record CardRequirement(string Item, string En, string Zh);
