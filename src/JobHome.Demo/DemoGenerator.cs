using System.Globalization;
using JobHome.Domain.Employers;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;

namespace JobHome.Demo;

/// <summary>
/// Deterministic demo data: Xinfeng County exactly as seed 000 annex 1, and synthetic provinces of N counties
/// (the first is Xinfeng) grouped into cities under 江西省. Everything is derived from the seed with <see cref="DemoRandom"/>;
/// counties are generated one at a time (<see cref="Counties"/> is lazy) so large provinces stream.
/// Site codes: province 360000, city 360700 (赣州市) or 36C### (synthetic), county 360722 (信丰县) or 36K#### (synthetic),
/// township = county + 3 digits, community/village = township + 3 digits, park = county + P01, school = county + S01.
/// </summary>
public static class DemoGenerator
{
    /// <summary>The "as of" date of demo data (ages, registration dates); fixed so output never depends on the clock.</summary>
    public static readonly DateOnly ReferenceDate = new(2025, 1, 1);

    /// <summary>Province site code (江西省).</summary>
    public const string ProvinceCode = "360000";

    /// <summary>City site code of 赣州市, Xinfeng's city.</summary>
    public const string GanzhouCode = "360700";

    /// <summary>Latitude range of generated coordinates (inside Jiangxi).</summary>
    public const double MinLat = 24.5;

    /// <summary>Latitude range of generated coordinates (inside Jiangxi).</summary>
    public const double MaxLat = 30.1;

    /// <summary>Longitude range of generated coordinates (inside Jiangxi).</summary>
    public const double MinLon = 113.6;

    /// <summary>Longitude range of generated coordinates (inside Jiangxi).</summary>
    public const double MaxLon = 118.5;

    /// <summary>The province and city sites above the counties of the province described by <paramref name="options"/>.</summary>
    public static IEnumerable<Site> UpperSites(DemoOptions options)
    {
        Check(options);
        yield return new Site(ProvinceCode, "江西省就业之家", SiteKind.Province, null, new GeoPoint(28.68, 115.86), false,
            new StaffCounts(20, 5, 10));
        var cities = (options.Counties + options.CountiesPerCity - 1) / options.CountiesPerCity;
        for (var c = 0; c < cities; c++)
        {
            if (c == 0)
            {
                yield return new Site(GanzhouCode, "赣州市就业之家", SiteKind.City, ProvinceCode, new GeoPoint(25.83, 114.93), false,
                    new StaffCounts(12, 4, 10));
                continue;
            }
            var rng = new DemoRandom(DemoRandom.Derive(options.Seed, 1_000_000UL + (ulong)c));
            var name = DemoNames.PlaceByIndex(899 - (c % 900)) + (c >= 900 ? c.ToString(CultureInfo.InvariantCulture) : string.Empty) + "市";
            yield return new Site(CityCode(c), name + Site.NameSuffix, SiteKind.City, ProvinceCode, RandomInJiangxi(rng), false,
                new StaffCounts(rng.Between(8, 14), rng.Between(2, 6), rng.Between(5, 15)));
        }
    }

    /// <summary>The counties of the province, generated lazily one at a time; the first is Xinfeng.</summary>
    public static IEnumerable<DemoCounty> Counties(DemoOptions options)
    {
        Check(options);
        for (var i = 0; i < options.Counties; i++)
        {
            yield return County(options, i);
        }
    }

    /// <summary>Every site of the province: province, cities, then each county's sites.</summary>
    public static IEnumerable<Site> AllSites(DemoOptions options) =>
        UpperSites(options).Concat(Counties(options).SelectMany(c => c.Sites));

    /// <summary>Xinfeng County alone (its 217 sites and its people), as county 0 of any province with this seed.</summary>
    public static DemoCounty Xinfeng(ulong seed = 1) => County(new DemoOptions(1, seed), 0);

    /// <summary>Generates county <paramref name="index"/> (0 = Xinfeng) of a province.</summary>
    public static DemoCounty County(DemoOptions options, int index)
    {
        Check(options);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, options.Counties);
        var rng = new DemoRandom(DemoRandom.Derive(options.Seed, (ulong)index));
        var cityCode = CityCode(index / options.CountiesPerCity);
        var builder = new CountyBuilder(rng, index, cityCode, options.Density);
        return builder.Build();
    }

    private static void Check(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Counties, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Counties, DemoOptions.MaxCounties);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CountiesPerCity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Density, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Density, DemoOptions.MaxDensity);
    }

    private static string CityCode(int c) => c == 0 ? GanzhouCode : string.Create(CultureInfo.InvariantCulture, $"36C{c:000}");

    /// <summary>A random point well inside Jiangxi, rounded to 5 decimals.</summary>
    internal static GeoPoint RandomInJiangxi(DemoRandom rng) =>
        new(Math.Round(24.8 + (rng.NextDouble() * 5.0), 5), Math.Round(113.9 + (rng.NextDouble() * 4.3), 5));

    /// <summary>A random point within <paramref name="radiusDeg"/> degrees of <paramref name="centre"/>, kept inside Jiangxi.</summary>
    internal static GeoPoint Near(DemoRandom rng, GeoPoint centre, double radiusDeg)
    {
        var lat = Math.Clamp(centre.Lat + ((rng.NextDouble() * 2) - 1) * radiusDeg, MinLat + 0.01, MaxLat - 0.01);
        var lon = Math.Clamp(centre.Lon + ((rng.NextDouble() * 2) - 1) * radiusDeg, MinLon + 0.01, MaxLon - 0.01);
        return new GeoPoint(Math.Round(lat, 5), Math.Round(lon, 5));
    }
}
