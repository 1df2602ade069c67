namespace JobHome.Silo.Tests.Api;

/// <summary>Codes of a five-tier site tree built for one test.</summary>
internal sealed record SiteTree(string Province, string City, string County, string Township, string Village);
