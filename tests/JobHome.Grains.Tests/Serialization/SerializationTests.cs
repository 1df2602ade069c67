using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Validation;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.Sites;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Serialization;

/// <summary>
/// State and messages survive both serializers a silo uses: Orleans' binary one and the grain-storage one (JSON by
/// default).
/// </summary>
/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class SerializationTests(ClusterFixture fixture)
{
    private Serializer Binary => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();

    private IGrainStorageSerializer Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();

    [Fact]
    public void RoundTrip_Contribution_KeepsEveryCount()
    {
        var c = IndicatorContribution.Post(5, 2, false) with { Employed = 1, Placements = 4, UnemployedSince = new DateOnly(2026, 1, 1) };

        Assert.Equal(c, Binary.Deserialize<IndicatorContribution>(Binary.SerializeToArray(c)));
    }

    [Fact]
    public void RoundTrip_AggregatorStateTwiceThroughStorageSerializer_EqualEntriesAndChildCountsKept()
    {
        var employed = IndicatorContribution.Person(LabourStatus.Employed, new DateOnly(2026, 1, 2), 2);
        var child = new IndicatorCounts();
        child.Apply(employed);
        child.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, new DateOnly(2025, 12, 1), 0));
        child.Apply(IndicatorContribution.Household(new DateOnly(2026, 2, 3)));
        var state = new SiteIndicatorsState { ReportVersion = 4, ReportEpoch = 9 };
        state.Sources["seeker/a"] = SourceEntry.Of(3, employed);
        state.Sources["seeker/b"] = SourceEntry.Of(3, employed); // equal values: must not collapse into one reference
        state.Children["V1"] = ChildEntry.Of(7, child);
        state.Children["V2"] = ChildEntry.Of(7, child);

        var once = Storage.Deserialize<SiteIndicatorsState>(Storage.Serialize(state))!;
        var twice = Storage.Deserialize<SiteIndicatorsState>(Storage.Serialize(once))!;
        var binary = Binary.Deserialize<SiteIndicatorsState>(Binary.SerializeToArray(twice))!;

        foreach (var copy in new[] { once, twice, binary })
        {
            Assert.Equal(employed, copy.Sources["seeker/a"].ToContribution());
            Assert.Equal(employed, copy.Sources["seeker/b"].ToContribution());
            Assert.Equal(child, copy.Children["V1"].ToCounts());
            Assert.Equal(child, copy.Children["V2"].ToCounts());
            Assert.Equal((4L, 9L), (copy.ReportVersion, copy.ReportEpoch));
        }
    }

    [Fact]
    public void RoundTrip_EveryRecordStateTwiceThroughStorageSerializer_Unchanged()
    {
        var today = new DateOnly(2026, 3, 10);
        var registration = TestNetwork.Registration(new DateOnly(1990, 1, 1), LabourStatus.Unemployed, today) with
        {
            KeyGroups = KeyGroups.HardToEmploy | KeyGroups.Veteran,
            Availability = WorkKind.FullTime | WorkKind.Gig,
        };
        var followUp = new FollowUp(today, "phone", "推荐岗位", "staff-1");
        var seeker = new SeekerState
        {
            Registration = registration,
            Status = LabourStatus.Employed,
            StatusSince = today,
            StatusVersion = 3,
            HouseholdId = "hh-1",
            Placements = [new PlacementRecord("pl-1", "po-1", today.AddDays(-40), today.AddDays(-10), PlacementEndReason.Resigned),
                new PlacementRecord("pl-2", "po-2", today, null, null, "6-25-04-01", WorkKind.Gig)],
            FollowUps = [followUp, followUp],
            RegisteredOn = today.AddDays(-50),
            Indicators = new IndicatorOutbox { Version = 4, PublishedVersion = 3, PublishedSiteCode = "V1" },
            HouseholdReportPending = true,
        };
        var status = new MemberStatus(LabourStatus.Unemployed, today, 2);
        var household = new HouseholdState
        {
            SiteCode = "V1",
            Members = [new HouseholdMemberState { SeekerId = "a", Status = status },
                new HouseholdMemberState { SeekerId = "b", Status = status },
                new HouseholdMemberState { SeekerId = "c" }],
            RegisteredOn = today,
            ZeroEmploymentSince = today,
            OverdueAlertRaised = true,
        };
        var post = new PostState { Profile = TestNetwork.Post(TestNetwork.NewCreditCode(), 4) with { AgeMax = 50,
            Skills = ["焊接"] }, Closed = true,
            TakenBy = ["pl-1", "pl-2"], Opened = today.AddDays(-3) };
        var placement = new PlacementState
        {
            Request = new PlacementRequest("sk-1", "po-1", today),
            Step = PlacementStep.Refused,
            Refusal = [new FieldError("post_id", "po-1", "has no opening left (已招满)", "rule"),
                new FieldError("post_id", "po-1", "has no opening left (已招满)", "rule")],
            End = new PlacementEnd(today, PlacementEndReason.Other),
            HouseholdId = "hh-1",
            SeekerStatus = status,
        };
        var site = new SiteState
        {
            Profile = new SiteProfile("V1", "甲村就业之家", SiteKind.Village, "T1", 25.4, 114.9, true) { FullTimeStaff = 2,
                CreationLevel = CreationLevel.City },
            Children = ["A", "B"],
        };
        var employer = new EmployerState { Profile = new EmployerProfile("某厂", "V1", 25.4,
            114.9) { ContactPhone = "13812345678" }, PostIds = ["po-1"] };
        var registry = new IdCardRegistryState { OwnerSeekerId = "sk-1", Masked = "3607**********1234" };

        var t = Twice(seeker);
        Assert.Equal((registration.SiteCode, registration.Name, registration.IdNumber, registration.BirthDate, registration.Gender,
            registration.Education, registration.Status, registration.StatusSince),
            (t.Registration!.SiteCode, t.Registration.Name, t.Registration.IdNumber, t.Registration.BirthDate, t.Registration.Gender,
            t.Registration.Education, t.Registration.Status, t.Registration.StatusSince));
        Assert.Equal((registration.Phone, registration.ExpectedPayMin, registration.Lat, registration.Lon, registration.Rural,
            registration.Availability, registration.KeyGroups),
            (t.Registration.Phone, t.Registration.ExpectedPayMin, t.Registration.Lat, t.Registration.Lon, t.Registration.Rural,
            t.Registration.Availability, t.Registration.KeyGroups));
        Assert.Equal(registration.Occupations, t.Registration.Occupations);
        Assert.Equal((seeker.Status, seeker.StatusSince, seeker.StatusVersion, seeker.HouseholdId, seeker.RegisteredOn,
            seeker.HouseholdReportPending),
            (t.Status, t.StatusSince, t.StatusVersion, t.HouseholdId, t.RegisteredOn, t.HouseholdReportPending));
        Assert.Equal(seeker.Placements, t.Placements);
        Assert.Equal(seeker.FollowUps, t.FollowUps);
        Assert.Equal((4L, 3L, "V1"), (t.Indicators.Version, t.Indicators.PublishedVersion, t.Indicators.PublishedSiteCode));

        var h = Twice(household);
        Assert.Equal(["a", "b", "c"], h.Members.Select(m => m.SeekerId));
        Assert.Equal([status, status, null], h.Members.Select(m => m.Status));
        Assert.Equal((household.SiteCode, household.RegisteredOn, household.ZeroEmploymentSince, household.OverdueAlertRaised),
            (h.SiteCode, h.RegisteredOn, h.ZeroEmploymentSince, h.OverdueAlertRaised));

        var p = Twice(post);
        Assert.Equal(post.Profile with { Skills = [] }, p.Profile! with { Skills = [] });
        Assert.Equal(post.Profile.Skills, p.Profile.Skills);
        Assert.True(p.Closed);
        Assert.Equal(["pl-1", "pl-2"], p.TakenBy);
        Assert.Equal(today.AddDays(-3), p.Opened);

        var pl = Twice(placement);
        Assert.Equal((placement.Request, placement.Step, placement.End, placement.HouseholdId, placement.SeekerStatus),
            (pl.Request, pl.Step, pl.End, pl.HouseholdId, pl.SeekerStatus));
        Assert.Equal(placement.Refusal, pl.Refusal);

        var si = Twice(site);
        Assert.Equal(site.Profile, si.Profile);
        Assert.Equal(site.Children, si.Children);

        var e = Twice(employer);
        Assert.Equal(employer.Profile, e.Profile);
        Assert.Equal(employer.PostIds, e.PostIds);

        var r = Twice(registry);
        Assert.Equal((registry.OwnerSeekerId, registry.Masked), (r.OwnerSeekerId, r.Masked));
    }

    [Fact]
    public void RoundTrip_DirectoryAndHistoryStatesTwiceThroughStorageSerializer_Kept()
    {
        var directory = new SiteRecords.SiteDirectoryState();
        directory.Seekers["sk-1"] = "张三";
        directory.Seekers["sk-2"] = "张三";
        directory.Households["hh-1"] = true;
        directory.Posts["po-1"] = true;
        directory.Posts["po-2"] = true;
        var partition = new JobHome.Grains.Matching.MatchPartitionState();
        partition.Sites["V1"] = true;
        partition.Sites["V2"] = true;
        var history = new History.IndicatorHistoryState();
        var point = new History.IndicatorPoint { Date = new DateOnly(2026, 11, 1), Employed = 3, Unemployed = 1, Placements = 2 };
        history.Days[point.Date.DayNumber] = point;
        history.Days[point.Date.DayNumber + 1] = new History.IndicatorPoint { Date = point.Date.AddDays(1), Employed = 3,
            Unemployed = 1, Placements = 2 };

        var d = Twice(directory);
        var h = Twice(history);
        var m = Twice(partition);

        Assert.Equal(directory.Seekers, d.Seekers);
        Assert.Equal(directory.Households, d.Households);
        Assert.Equal(directory.Posts, d.Posts);
        Assert.Equal(partition.Sites, m.Sites);
        Assert.Equal(2, h.Days.Count);
        Assert.Equal((3L, 1L, 2L), (h.Days[point.Date.DayNumber].Employed, h.Days[point.Date.DayNumber].Unemployed,
            h.Days[point.Date.DayNumber].Placements));
        Assert.Equal(point.Date.AddDays(1), h.Days[point.Date.DayNumber + 1].Date);
    }

    private T Twice<T>(T state) => Storage.Deserialize<T>(Storage.Serialize(Storage.Deserialize<T>(Storage.Serialize(state))!))!;
}
