using FsCheck.Xunit;
using JobHome.Domain.Indicators;

namespace JobHome.Domain.Tests.Indicators;

public sealed class EmploymentIndicatorsTests
{
    [Theory]
    [InlineData(CreationLevel.City, CreationUnit.Village, 95)]
    [InlineData(CreationLevel.County, CreationUnit.Village, 90)]
    [InlineData(CreationLevel.City, CreationUnit.Township, 90)]
    [InlineData(CreationLevel.County, CreationUnit.Township, 85)]
    public void EmploymentTarget_AtAndJustBelow_MetThenNot(CreationLevel level, CreationUnit unit, int target)
    {
        Assert.Equal(target, EmploymentIndicators.EmploymentTargetPercent(level, unit));
        Assert.True(EmploymentIndicators.EmploymentTargetMet(new Rate(target * 10, 1000), level, unit));
        Assert.False(EmploymentIndicators.EmploymentTargetMet(new Rate((target * 10) - 1, 1000), level, unit));
    }

    [Fact]
    public void EmploymentRatePoints_TargetMet_Full()
    {
        Assert.Equal(10m, EmploymentIndicators.EmploymentRatePoints(new Rate(95, 100), new Rate(80, 100), CreationLevel.City, CreationUnit.Village));
    }

    [Fact]
    public void EmploymentRatePoints_BelowTargetAboveAverage_Proportional()
    {
        // 80 % of a 90 % target → 10 × 80/90 = 8.888… → 8.88.
        Assert.Equal(8.88m, EmploymentIndicators.EmploymentRatePoints(new Rate(80, 100), new Rate(70, 100), CreationLevel.County, CreationUnit.Village));
        // 85 of 100 with target 95 → 8.947… → 8.94.
        Assert.Equal(8.94m, EmploymentIndicators.EmploymentRatePoints(new Rate(85, 100), new Rate(85, 100), CreationLevel.City, CreationUnit.Village));
    }

    [Fact]
    public void EmploymentRatePoints_BelowCountyAverage_Zero()
    {
        Assert.Equal(0m, EmploymentIndicators.EmploymentRatePoints(new Rate(799, 1000), new Rate(80, 100), CreationLevel.County, CreationUnit.Township));
        Assert.NotEqual(0m, EmploymentIndicators.EmploymentRatePoints(new Rate(800, 1000), new Rate(80, 100), CreationLevel.County, CreationUnit.Township));
    }

    [Fact]
    public void EmploymentRatePoints_NoEligible_Zero() =>
        Assert.Equal(0m, EmploymentIndicators.EmploymentRatePoints(new Rate(0, 0), new Rate(8, 10), CreationLevel.County, CreationUnit.Village));

    [Theory]
    [InlineData(90, 100, 10)]
    [InlineData(1000, 1000, 10)]
    [InlineData(179, 200, 8)] // 89.5 % is in the 85–89 band
    [InlineData(85, 100, 8)]
    [InlineData(849, 1000, 6)]
    [InlineData(80, 100, 6)]
    [InlineData(799, 1000, 0)]
    [InlineData(0, 0, 0)]
    public void DataAccuracyPoints_Thresholds(long correct, long total, int points) =>
        Assert.Equal(points, EmploymentIndicators.DataAccuracyPoints(correct, total));

    [Theory]
    [InlineData(29, 1000, 0)]
    [InlineData(30, 1000, 3)]
    [InlineData(39, 1000, 3)]
    [InlineData(40, 1000, 4)]
    [InlineData(49, 1000, 4)]
    [InlineData(50, 1000, 5)]
    [InlineData(500, 1000, 5)]
    public void SkillCertificatePoints_Thresholds(long holders, long population, int points) =>
        Assert.Equal(points, EmploymentIndicators.SkillCertificatePoints(holders, population));

    [Theory]
    [InlineData(49, 1000, 0)]
    [InlineData(50, 1000, 3)]
    [InlineData(79, 1000, 3)]
    [InlineData(80, 1000, 4)]
    [InlineData(99, 1000, 4)]
    [InlineData(100, 1000, 5)]
    public void EntrepreneurshipRatePoints_Thresholds(long founders, long population, int points) =>
        Assert.Equal(points, EmploymentIndicators.EntrepreneurshipRatePoints(founders, population));

    [Fact]
    public void TrainingRateAndMatch_Thresholds()
    {
        Assert.True(EmploymentIndicators.TrainingRateMet(50, 50));
        Assert.False(EmploymentIndicators.TrainingRateMet(49, 50));
        Assert.True(EmploymentIndicators.TrainingMatchMet(70, 100));
        Assert.False(EmploymentIndicators.TrainingMatchMet(699, 1000));
        Assert.False(EmploymentIndicators.TrainingMatchMet(0, 0));
    }

    [Fact]
    public void DisputeMediationMet_CityAndCountyThresholds()
    {
        Assert.True(EmploymentIndicators.DisputeMediationMet(75, 100, CreationLevel.City));
        Assert.False(EmploymentIndicators.DisputeMediationMet(749, 1000, CreationLevel.City));
        Assert.True(EmploymentIndicators.DisputeMediationMet(70, 100, CreationLevel.County));
        Assert.False(EmploymentIndicators.DisputeMediationMet(699, 1000, CreationLevel.County));
        Assert.True(EmploymentIndicators.DisputeMediationMet(0, 0, CreationLevel.City));
    }

    [Fact]
    public void SocialInsuranceMet_98Percent()
    {
        Assert.True(EmploymentIndicators.SocialInsuranceMet(98, 100));
        Assert.False(EmploymentIndicators.SocialInsuranceMet(979, 1000));
    }

    [Fact]
    public void LabourCooperationMet_TownshipThreeVillageOne()
    {
        Assert.True(EmploymentIndicators.LabourCooperationMet(3, CreationUnit.Township));
        Assert.False(EmploymentIndicators.LabourCooperationMet(2, CreationUnit.Township));
        Assert.True(EmploymentIndicators.LabourCooperationMet(1, CreationUnit.Village));
        Assert.False(EmploymentIndicators.LabourCooperationMet(0, CreationUnit.Village));
    }

    [Fact]
    public void EntrepreneurshipDrivingMet_OneToThree()
    {
        Assert.True(EmploymentIndicators.EntrepreneurshipDrivingMet(4, 12));
        Assert.False(EmploymentIndicators.EntrepreneurshipDrivingMet(4, 11));
        Assert.False(EmploymentIndicators.EntrepreneurshipDrivingMet(0, 5));
    }

    [Fact]
    public void RegisteredUnemploymentRateAndPostsToSeekers_Definitions()
    {
        var u = EmploymentIndicators.RegisteredUnemploymentRate(5, 95);
        Assert.Equal(5, u.Numerator);
        Assert.Equal(100, u.Denominator);
        Assert.Equal(5m, u.Percent);
        var r = EmploymentIndicators.PostsToSeekersRatio(150, 100);
        Assert.Equal(150m, r.Percent);
        Assert.True(r.IsAtLeastPercent(150));
        Assert.False(r.IsAtLeastPercent(151));
    }

    [Fact]
    public void RegisteredUnemployedOverThreeMonths_ExactlyThreeMonths_NotCounted()
    {
        var asOf = new DateOnly(2025, 4, 1);
        DateOnly[] dates = [new(2025, 1, 1), new(2024, 12, 31), new(2025, 3, 1)];
        Assert.Equal(1, EmploymentIndicators.RegisteredUnemployedOverThreeMonths(dates, asOf));
    }

    [Property(MaxTest = 500)]
    public bool IsAtLeastPercent_AgreesWithExactIntegerArithmetic(uint num, uint den, byte percent)
    {
        var d = (long)den + 1;
        var n = (long)num % (2 * d);
        var p = percent % 101;
        return new Rate(n, d).IsAtLeastPercent(p) == (n * 100 >= p * d);
    }

    [Property(MaxTest = 300)]
    public bool DataAccuracyPoints_IsMonotoneInCorrectRecords(ushort correct, ushort extra)
    {
        long total = correct + extra + 1;
        return EmploymentIndicators.DataAccuracyPoints(correct, total) <= EmploymentIndicators.DataAccuracyPoints(Math.Min(total, correct + 1L), total);
    }
}
