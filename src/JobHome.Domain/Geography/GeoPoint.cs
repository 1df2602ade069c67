using System.Globalization;
using JobHome.Domain.Validation;

namespace JobHome.Domain.Geography;

/// <summary>A WGS-84 position in decimal degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>Mean Earth radius in kilometres (IUGG).</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>True when latitude is within ±90 and longitude within ±180.</summary>
    public bool IsValid => Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180;

    /// <summary>Adds an error per coordinate out of range, under the given field names (<c>lat</c>, <c>lon</c> by default).</summary>
    public void AddErrors(ValidationResult result, string latField = "lat", string lonField = "lon")
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Lat is not (>= -90 and <= 90))
        {
            result.Add(latField, Lat.ToString(CultureInfo.InvariantCulture), "must be a number of degrees between -90 and 90",
                "WGS-84 latitude (纬度)");
        }
        if (Lon is not (>= -180 and <= 180))
        {
            result.Add(lonField, Lon.ToString(CultureInfo.InvariantCulture), "must be a number of degrees between -180 and 180",
                "WGS-84 longitude (经度)");
        }
    }

    /// <summary>Great-circle (haversine) distance in kilometres.</summary>
    public double DistanceKm(GeoPoint other)
    {
        const double toRad = Math.PI / 180.0;
        var dLat = (other.Lat - Lat) * toRad;
        var dLon = (other.Lon - Lon) * toRad;
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var a = (sinLat * sinLat) + (Math.Cos(Lat * toRad) * Math.Cos(other.Lat * toRad) * sinLon * sinLon);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
