using System.Globalization;
using JobHome.Domain.Geography;

namespace JobHome.Grains.Matching;

/// <summary>
/// The partition grid: a record belongs to the cell of its location (<c>g/{row}/{column}</c>, cells of
/// <see cref="MatchingOptions.CellDegrees"/>); a query reaches every cell that can hold a point within its radius.
/// </summary>
public static class MatchPartitions
{
    // Widens the reach by a hair so that rounding at a cell edge never leaves a cell out (an extra cell costs one call).
    private const double MarginDegrees = 1e-6;

    /// <summary>The key of the partition holding a record at (<paramref name="lat"/>, <paramref name="lon"/>).</summary>
    public static string KeyOf(double lat, double lon, double cellDegrees) =>
        Key(Row(lat, cellDegrees), Column(lon, cellDegrees));

    /// <summary>
    /// The keys of every partition whose cell intersects the circle of <paramref name="radiusKm"/> around the point
    /// (great circle, the engine's earth radius): a conservative bounding box in latitude and longitude.
    /// </summary>
    public static string[] Reach(double lat, double lon, double radiusKm, double cellDegrees)
    {
        var delta = radiusKm / GeoPoint.EarthRadiusKm;
        var dLat = (delta * 180 / Math.PI) + MarginDegrees;
        double dLon;
        var latRad = lat * Math.PI / 180;
        var sin = Math.Sin(delta) / Math.Cos(latRad);
        // Beyond a pole, or when the cap holds a pole, every longitude is in reach.
        dLon = Math.Abs(lat) + dLat >= 90 || sin >= 1 ? 180 : (Math.Asin(sin) * 180 / Math.PI) + MarginDegrees;
        var rowMin = Row(Math.Max(-90, lat - dLat), cellDegrees);
        var rowMax = Row(Math.Min(90, lat + dLat), cellDegrees);
        int colMin;
        int colMax;
        if (dLon >= 180)
        {
            colMin = Column(-180, cellDegrees);
            colMax = Column(180, cellDegrees);
        }
        else
        {
            colMin = Column(lon - dLon, cellDegrees);
            colMax = Column(lon + dLon, cellDegrees);
        }
        var keys = new List<string>((rowMax - rowMin + 1) * (colMax - colMin + 1));
        for (var r = rowMin; r <= rowMax; r++)
        {
            for (var c = colMin; c <= colMax; c++)
            {
                keys.Add(Key(r, c));
            }
        }
        // Near the antimeridian the columns past ±180 are the same cells as those on the other side; no record lies there
        // in this network (China), so they are kept as cells of their own rather than wrapped.
        return [.. keys];
    }

    private static int Row(double lat, double cellDegrees) => (int)Math.Floor(lat / cellDegrees);

    private static int Column(double lon, double cellDegrees) => (int)Math.Floor(lon / cellDegrees);

    private static string Key(int row, int column) =>
        string.Create(CultureInfo.InvariantCulture, $"g/{row}/{column}");
}
