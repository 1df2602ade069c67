using JobHome.Domain.Indicators;

namespace JobHome.Domain.Tests.Indicators;

public sealed class YichunScorecardTests
{
    [Fact]
    public void Compute_Lines_SumTo100PlusBonus()
    {
        var card = YichunScorecard.Compute(new YichunInputs(CreationLevel.City, CreationUnit.Village));
        Assert.Equal(22, card.Parts.Count);
        Assert.Equal(100, card.Parts.Where(p => p.Number <= 21).Sum(p => p.MaxPoints));
        Assert.Equal(10, card.Parts.Single(p => p.Number == 22).MaxPoints);
    }

    [Fact]
    public void Compute_NoInputs_EverythingManual()
    {
        var card = YichunScorecard.Compute(new YichunInputs(CreationLevel.County, CreationUnit.Township));
        Assert.Equal(22, card.ManualParts.Count);
        Assert.Equal(0m, card.ComputedPoints);
    }

    [Fact]
    public void Compute_FullData_ScoresDataLinesAndListsDiscretionaryOnes()
    {
        var inputs = new YichunInputs(CreationLevel.City, CreationUnit.Village)
        {
            HasInformationTerminal = true,
            HasDedicatedStaff = false,
            DataAccuracy = new Rate(179, 200),
            EmploymentRate = new Rate(96, 100),
            CountyAverageEmploymentRate = new Rate(90, 100),
            LabourCooperationPartners = 1,
            MatchingEventsThisYear = 2,
            HelpedParkEnterprises = true,
            DisputeMediation = new Rate(3, 4),
            SocialInsurance = new Rate(97, 100),
            SkillCertificates = new Rate(41, 1000),
            Entrepreneurs = new Rate(100, 1000),
            HasWorkPlan = true,
            HasLeadingGroup = true,
            WorkingMechanisms = 2,
        };
        var card = YichunScorecard.Compute(inputs);
        decimal? P(int n) => card.Parts.Single(p => p.Number == n).Points;
        Assert.Equal(3m, P(5));
        Assert.Equal(0m, P(6));
        Assert.Equal(8m, P(8));
        Assert.Equal(10m, P(9));
        Assert.Equal(5m, P(11));
        Assert.Equal(5m, P(14));
        Assert.Equal(0m, P(15));
        Assert.Equal(4m, P(16));
        Assert.Equal(5m, P(17));
        Assert.Equal(1m, P(19));
        Assert.Equal(1m, P(20));
        Assert.Equal(2m, P(21));
        Assert.Equal([1, 2, 3, 4, 7, 10, 12, 13, 18, 22], card.ManualParts.Select(p => p.Number));
        Assert.Equal(44m, card.ComputedPoints);
    }

    [Fact]
    public void Compute_PovertyAlleviatedBelowCountyAverage_KeyGroupLineZero()
    {
        var card = YichunScorecard.Compute(new YichunInputs(CreationLevel.County, CreationUnit.Village)
        {
            PovertyAlleviatedEmploymentRate = new Rate(7, 10),
            CountyAverageEmploymentRate = new Rate(8, 10),
        });
        Assert.Equal(0m, card.Parts.Single(p => p.Number == 10).Points);
    }

    [Fact]
    public void Compute_TownshipWithTwoPartners_LabourTransferZero()
    {
        var card = YichunScorecard.Compute(new YichunInputs(CreationLevel.County, CreationUnit.Township)
        {
            LabourCooperationPartners = 2,
            MatchingEventsThisYear = 5,
            HelpedParkEnterprises = true,
        });
        Assert.Equal(0m, card.Parts.Single(p => p.Number == 11).Points);
    }
}
