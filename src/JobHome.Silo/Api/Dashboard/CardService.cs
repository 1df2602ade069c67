namespace JobHome.Silo.Api.Dashboard;

/// <summary>A service category of the site kind's catalogue (number as in the seed, English, Chinese).</summary>
public sealed record CardService(string Code, string En, string Zh);
