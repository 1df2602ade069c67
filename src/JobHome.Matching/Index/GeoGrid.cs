using JobHome.Domain.Geography;

namespace JobHome.Matching.Index;

/// <summary>
/// The region grid: cells of <see cref="CellDegrees"/>° × <see cref="CellDegrees"/>°, keyed by row × columns + column.
/// Range queries return every cell that may hold a point within a radius (conservatively) plus a lower bound
/// on the distance from the query point to anything in the cell.
/// </summary>
internal static class GeoGrid
{
    public const double CellDegrees = 0.1;
    public const int Columns = 3600;
    public const int Rows = 1800;
    private const double KmPerRadian = GeoPoint.EarthRadiusKm;

    public static int Row(double lat) => Math.Clamp((int)Math.Floor((lat + 90.0) / CellDegrees), 0, Rows - 1);

    public static int Column(double lon) => Math.Clamp((int)Math.Floor((lon + 180.0) / CellDegrees), 0, Columns - 1);

    public static int Key(double lat, double lon) => (Row(lat) * Columns) + Column(lon);

    /// <summary>Latitude difference (degrees) beyond which two points are certainly farther apart than <paramref name="km"/>.</summary>
    public static double LatRejectDegrees(double km) => (km / KmPerRadian * (180.0 / Math.PI) * 1.000001) + 1e-9;

    /// <summary>Adds each cell key that may hold a point within <paramref name="km"/>, with a lower bound on the distance to it.</summary>
    public static void CellsWithin(double lat, double lon, double km, List<(int Key, double MinKm)> into)
    {
        var latSpan = LatRejectDegrees(km) + 1e-6;
        var r0 = Row(lat - latSpan);
        var r1 = Row(lat + latSpan);
        var angular = km / KmPerRadian;
        var cosMax = Math.Cos(Math.Min(90.0, Math.Abs(lat) + latSpan) * Math.PI / 180.0);
        int c0, c1;
        if (angular >= Math.PI / 2 || Math.Sin(angular) >= cosMax * 0.999)
        {
            c0 = 0;
            c1 = Columns - 1;
        }
        else
        {
            // Half-width of the circle's longitude band, measured at the widest latitude of the band; with margin.
            var lonSpan = (Math.Asin(Math.Sin(angular) / cosMax) * (180.0 / Math.PI) * 1.001) + 1e-6;
            c0 = (int)Math.Floor((lon - lonSpan + 180.0) / CellDegrees);
            c1 = (int)Math.Floor((lon + lonSpan + 180.0) / CellDegrees);
            if (c1 - c0 >= Columns - 1)
            {
                c0 = 0;
                c1 = Columns - 1;
            }
        }
        var here = new GeoPoint(lat, lon);
        for (var r = r0; r <= r1; r++)
        {
            var lat0 = (r * CellDegrees) - 90.0;
            var nearLat = Math.Clamp(lat, lat0, lat0 + CellDegrees);
            for (var c = c0; c <= c1; c++)
            {
                var col = ((c % Columns) + Columns) % Columns;
                var lon0 = (c * CellDegrees) - 180.0;
                var nearLon = Math.Clamp(lon, lon0, lon0 + CellDegrees);
                // The clamped point is within a fraction of a percent of the true nearest point for cells this small;
                // the margin keeps the bound below every real distance in the cell.
                var minKm = Math.Max(0.0, (here.DistanceKm(new GeoPoint(nearLat, nearLon)) * 0.99) - 0.05);
                if (minKm > km)
                {
                    continue;
                }
                into.Add(((r * Columns) + col, minKm));
            }
        }
    }
}
