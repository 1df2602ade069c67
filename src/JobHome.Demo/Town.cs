using JobHome.Domain.Geography;

namespace JobHome.Demo;

/// <summary>A township as its communities and villages see it: site code, seat and the stem their names may reuse.</summary>
internal readonly record struct Town(string Code, GeoPoint Centre, string Stem);
