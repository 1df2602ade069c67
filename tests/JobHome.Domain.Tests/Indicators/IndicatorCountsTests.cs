using JobHome.Domain.Indicators;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.Indicators;

public sealed class IndicatorCountsTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void Snapshot_HandBuiltSite_EveryIndicator()
    {
        var counts = new IndicatorCounts();
        counts.Apply(IndicatorContribution.Person(LabourStatus.Employed, Today.AddYears(-1), 1));
        counts.Apply(IndicatorContribution.Person(LabourStatus.Employed, Today.AddDays(-3), 1));
        counts.Apply(IndicatorContribution.Person(LabourStatus.Employed, Today.AddDays(-40), 0));
        counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddMonths(-3), 0)); // exactly 3 months: not over
        counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddMonths(-3).AddDays(-1), 1));    // over
        counts.Apply(IndicatorContribution.Person(LabourStatus.NotInLabourForce, Today.AddDays(-1), 0));
        counts.Apply(IndicatorContribution.Household(Today.AddMonths(-1))); // exactly a month: not overdue
        counts.Apply(IndicatorContribution.Household(Today.AddMonths(-1).AddDays(-1)));                             // overdue
        counts.Apply(IndicatorContribution.Household(null));
        counts.Apply(IndicatorContribution.Post(5, 2, false));
        counts.Apply(IndicatorContribution.Post(2, 2, false));
        counts.Apply(IndicatorContribution.Post(4, 0, true));

        var s = counts.Snapshot("V1", Today);

        Assert.Equal((3, 2, 5, 1), (s.Employed, s.Unemployed, s.LabourForce, s.UnemployedOver3Months));
        Assert.Equal(0.6, s.EmploymentRate);
        Assert.Equal(0.4, s.RegisteredUnemploymentRate);
        Assert.Equal((2, 1), (s.ZeroEmploymentHouseholds, s.ZeroEmploymentHouseholdsOverdue));
        Assert.Equal((1, 3, 2), (s.OpenPosts, s.Openings, s.ActiveSeekers));
        Assert.Equal(1.5, s.PostsToSeekersRatio);
        Assert.Equal(3, s.Placements);
    }

    [Fact]
    public void Snapshot_NoLabourForceNoSeekers_RatesNull()
    {
        var counts = new IndicatorCounts();
        counts.Apply(IndicatorContribution.Post(3, 0, false));

        var s = counts.Snapshot("V1", Today);

        Assert.Null(s.EmploymentRate);
        Assert.Null(s.RegisteredUnemploymentRate);
        Assert.Null(s.PostsToSeekersRatio);
    }

    [Fact]
    public void Snapshot_NextDayWithoutAnyChange_RollsOverAtMidnight()
    {
        var counts = new IndicatorCounts();
        counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddMonths(-3), 0));
        counts.Apply(IndicatorContribution.Household(Today.AddMonths(-1)));

        var today = counts.Snapshot("V1", Today);
        var tomorrow = counts.Snapshot("V1", Today.AddDays(1));

        Assert.Equal((0, 0), (today.UnemployedOver3Months, today.ZeroEmploymentHouseholdsOverdue));
        Assert.Equal((1, 1), (tomorrow.UnemployedOver3Months, tomorrow.ZeroEmploymentHouseholdsOverdue));
    }

    [Fact]
    public void Change_LastEmployedMembersPlacementEnds_HouseholdZeroEmploymentFromTheEndDate()
    {
        var start = new DateOnly(2026, 1, 5);
        var end = new DateOnly(2026, 2, 20);
        var spouseSince = new DateOnly(2025, 12, 1);
        var counts = new IndicatorCounts();
        var worker = IndicatorContribution.Person(LabourStatus.Employed, start, 1);
        var household = IndicatorContribution.Household(IndicatorDefinitions.ZeroEmploymentSince([(LabourStatus.Employed,
            start), (LabourStatus.Unemployed, spouseSince)]));
        counts.Apply(worker);
        counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, spouseSince, 0));
        counts.Apply(household);
        Assert.Equal(0, counts.Snapshot("V1", end).ZeroEmploymentHouseholds);

        var workerAfter = IndicatorContribution.Person(LabourStatus.Unemployed, end, 1);
        var householdAfter = IndicatorContribution.Household(IndicatorDefinitions.ZeroEmploymentSince([(LabourStatus.Unemployed,
            end), (LabourStatus.Unemployed, spouseSince)]));
        counts.Change(worker, workerAfter);
        counts.Change(household, householdAfter);

        Assert.Equal(end, householdAfter.ZeroEmploymentSince);
        var onTheMonth = counts.Snapshot("V1", end.AddMonths(1));
        var dayAfter = counts.Snapshot("V1", end.AddMonths(1).AddDays(1));
        Assert.Equal((0, 2, 1, 0),
            (onTheMonth.Employed, onTheMonth.Unemployed, onTheMonth.ZeroEmploymentHouseholds, onTheMonth.ZeroEmploymentHouseholdsOverdue));
        Assert.Equal(1, dayAfter.ZeroEmploymentHouseholdsOverdue);
        Assert.Equal(1, dayAfter.Placements); // ending a placement does not take it back
    }

    [Fact]
    public void Change_RandomSequenceOfChanges_EqualsRecountOfFinalRecords()
    {
        var random = new Random(20260310);
        var records = new IndicatorContribution[200];
        var counts = new IndicatorCounts();
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = RandomContribution(random, i);
            counts.Apply(records[i]);
        }
        for (var step = 0; step < 5_000; step++)
        {
            var i = random.Next(records.Length);
            var next = RandomContribution(random, i);
            counts.Change(records[i], next);
            records[i] = next;
        }

        var recount = new IndicatorCounts();
        foreach (var r in records)
        {
            recount.Apply(r);
        }
        Assert.Equal(recount, counts);
        Assert.Equal(recount.Snapshot("V1", Today), counts.Snapshot("V1", Today));
    }

    [Fact]
    public void Add_ChildSubtrees_EqualsCountsOfAllRecords()
    {
        var a = new IndicatorCounts();
        var b = new IndicatorCounts();
        var all = new IndicatorCounts();
        var ca = IndicatorContribution.Person(LabourStatus.Unemployed, Today.AddDays(-100), 0);
        var cb = IndicatorContribution.Household(Today.AddDays(-50));
        a.Apply(ca);
        b.Apply(cb);
        all.Apply(ca);
        all.Apply(cb);

        var parent = new IndicatorCounts();
        parent.Add(a);
        parent.Add(b);

        Assert.Equal(all, parent);
    }

    [Theory]
    [InlineData(9, 1, CreationLevel.County, true)]   // 90 % meets the county-level village target of 90 %
    [InlineData(89, 11, CreationLevel.County, false)] // 89 %
    [InlineData(94, 6, CreationLevel.City, false)]    // the city-level village target is 95 %
    public void For_VillageEmploymentRate_TargetByCreationLevel(int employed, int unemployed, CreationLevel level, bool met)
    {
        var counts = new IndicatorCounts();
        for (var i = 0; i < employed; i++)
        {
            counts.Apply(IndicatorContribution.Person(LabourStatus.Employed, Today, 0));
        }
        for (var i = 0; i < unemployed; i++)
        {
            counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, Today, 0));
        }

        var targets = IndicatorTargets.For(counts.Snapshot("V1", Today), CreationUnit.Village, level);

        Assert.Equal(met, targets.EmploymentRateMet);
        Assert.True(targets.ZeroEmploymentHouseholdsOverdueMet);
        Assert.Null(IndicatorTargets.For(counts.Snapshot("X1", Today), null, level).EmploymentRateMet);
    }

    private static IndicatorContribution RandomContribution(Random random, int record)
    {
        var date = Today.AddDays(-random.Next(0, 200));
        return (record % 3) switch
        {
            0 => IndicatorContribution.Person((LabourStatus)random.Next(3), date, random.Next(3)),
            1 => IndicatorContribution.Household(random.Next(2) == 0 ? null : date),
            _ => IndicatorContribution.Post(5, random.Next(6), random.Next(4) == 0),
        };
    }
}
