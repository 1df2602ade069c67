using JobHome.Domain.Geography;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

public sealed class MatchPartitionsTests
{
    [Fact]
    public void Reach_PointsWithinRadius_TheirPartitionsIncluded()
    {
        var random = new Random(21);
        for (var i = 0; i < 20_000; i++)
        {
            var centre = new GeoPoint(18 + (random.NextDouble() * 35), 75 + (random.NextDouble() * 60));
            var radius = 1 + (random.NextDouble() * 30);
            var cell = random.Next(2) == 0 ? 0.5 : 0.1;
            // A point at a random bearing, at most the radius away (tested with the engine's distance).
            var angle = random.NextDouble() * 2 * Math.PI;
            var km = radius * Math.Sqrt(random.NextDouble());
            var other = new GeoPoint(centre.Lat + (km * Math.Cos(angle) / 111.2),
                centre.Lon + (km * Math.Sin(angle) / (111.2 * Math.Cos(centre.Lat * Math.PI / 180))));
            if (centre.DistanceKm(other) > radius)
            {
                continue;
            }

            var reach = MatchPartitions.Reach(centre.Lat, centre.Lon, radius, cell);

            Assert.Contains(MatchPartitions.KeyOf(other.Lat, other.Lon, cell), reach);
        }
    }

    [Fact]
    public void Reach_PointInMiddleOfCell_OnlyItsCell()
    {
        var reach = MatchPartitions.Reach(25.25, 114.75, 15, 0.5);

        Assert.Equal([MatchPartitions.KeyOf(25.25, 114.75, 0.5)], reach);
    }

    [Fact]
    public void Reach_PointAtCorner_FourCells()
    {
        var reach = MatchPartitions.Reach(30.0, 110.0, 15, 0.5);

        Assert.Equal(["g/59/219", "g/59/220", "g/60/219", "g/60/220"], reach);
    }
}
