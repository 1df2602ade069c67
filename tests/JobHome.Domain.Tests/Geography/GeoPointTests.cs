using JobHome.Domain.Geography;
using JobHome.Domain.Validation;

namespace JobHome.Domain.Tests.Geography;

public sealed class GeoPointTests
{
    [Theory]
    [InlineData(25.39, 114.92, new string[0])]
    [InlineData(90.5, 114.92, new[] { "lat" })]
    [InlineData(25.39, -180.5, new[] { "lon" })]
    [InlineData(double.NaN, double.PositiveInfinity, new[] { "lat", "lon" })]
    public void AddErrors_OutOfRange_OneErrorPerCoordinate(double lat, double lon, string[] fields)
    {
        var result = new ValidationResult();

        new GeoPoint(lat, lon).AddErrors(result);

        Assert.Equal(fields, result.Errors.Select(e => e.Field));
        Assert.Equal(fields.Length == 0, new GeoPoint(lat, lon).IsValid);
    }

    [Fact]
    public void AddErrors_FieldNames_AreTheCallers()
    {
        var result = new ValidationResult();

        new GeoPoint(100, 200).AddErrors(result, "location", "location");

        Assert.Equal(["location", "location"], result.Errors.Select(e => e.Field));
    }
}
