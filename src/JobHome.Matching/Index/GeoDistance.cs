using System.Runtime.CompilerServices;
using JobHome.Domain.Geography;

namespace JobHome.Matching.Index;

/// <summary>
/// Distance helpers for bulk queries: the haversine of <see cref="GeoPoint.DistanceKm"/> with the cosines of the
/// latitudes computed once per point (bit-identical results), and a cheap conservative lower bound from the chord
/// between unit vectors.
/// </summary>
internal static class GeoDistance
{
    private const double ToRad = Math.PI / 180.0;

    /// <summary>The cosine of a latitude exactly as <see cref="GeoPoint.DistanceKm"/> computes it.</summary>
    public static double CosLat(double lat) => Math.Cos(lat * ToRad);

    /// <summary>The point on the unit sphere.</summary>
    public static (double X, double Y, double Z) UnitVector(double lat, double lon)
    {
        var phi = lat * ToRad;
        var lambda = lon * ToRad;
        var c = Math.Cos(phi);
        return (c * Math.Cos(lambda), c * Math.Sin(lambda), Math.Sin(phi));
    }

    /// <summary>
    /// <c>new GeoPoint(lat1, lon1).DistanceKm(new GeoPoint(lat2, lon2))</c>, bit for bit, given
    /// <paramref name="cos1"/> = <see cref="CosLat"/>(lat1) and <paramref name="cos2"/> = <see cref="CosLat"/>(lat2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Haversine(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2)
    {
        // Same operations in the same order as GeoPoint.DistanceKm.
        var dLat = (lat2 - lat1) * ToRad;
        var dLon = (lon2 - lon1) * ToRad;
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var a = (sinLat * sinLat) + (cos1 * cos2 * sinLon * sinLon);
        return 2 * GeoPoint.EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }

    /// <summary>
    /// A lower bound (km) of the haversine distance between two points whose unit vectors are
    /// <paramref name="chordSquared"/> apart squared: the great-circle arc is never shorter than its chord; the
    /// margins (10⁻⁹ relative, 1 µm absolute) cover rounding in both computations by orders of magnitude.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double KmLowerBound(double chordSquared) =>
        (GeoPoint.EarthRadiusKm * (1 - 1e-9) * Math.Sqrt(chordSquared)) - 1e-9;
}
