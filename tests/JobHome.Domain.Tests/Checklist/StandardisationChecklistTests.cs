using JobHome.Domain.Checklist;
using JobHome.Domain.Sites;
using JobHome.Tests.Shared;

namespace JobHome.Domain.Tests.Checklist;

public sealed class StandardisationChecklistTests
{
    private static Dictionary<string, bool> AllYes(SiteKind kind) =>
        StandardisationChecklist.ItemsFor(kind).ToDictionary(i => i.Id, _ => true);

    [Fact]
    public void Items_MandatoryCount_MatchesStarredItemsOfSeed()
    {
        // Annex 3 has 26 starred (*) items.
        Assert.Equal(26, StandardisationChecklist.Items.Count(i => i.Mandatory));
        Assert.Equal(StandardisationChecklist.Items.Count, StandardisationChecklist.Items.Select(i => i.Id).Distinct().Count());
    }

    [Trait("Category", "Seeds")]
    [Fact]
    public void Items_StarredTexts_AppearWithStarInSeed()
    {
        var seed = SeedFiles.Read("000_");
        foreach (var item in StandardisationChecklist.Items)
        {
            Assert.True(seed.Contains(item.Chinese, StringComparison.Ordinal), item.Id);
            Assert.Equal(item.Mandatory, seed.Contains("*" + item.Chinese, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(SiteKind.County, true)]
    [InlineData(SiteKind.Township, false)]
    [InlineData(SiteKind.Village, false)]
    [InlineData(SiteKind.Community, false)]
    [InlineData(SiteKind.School, false)]
    [InlineData(SiteKind.IndustrialPark, false)]
    [InlineData(SiteKind.City, false)]
    public void ItemsFor_ComprehensiveHall_CountyOnly(SiteKind kind, bool applies) =>
        Assert.Equal(applies, StandardisationChecklist.ItemsFor(kind).Any(i => i.Id == "config.comprehensive_hall"));

    [Theory]
    [InlineData(SiteKind.Province, "config.functions.county")]
    [InlineData(SiteKind.City, "config.functions.county")]
    [InlineData(SiteKind.County, "config.functions.county")]
    [InlineData(SiteKind.Township, "config.functions.township")]
    [InlineData(SiteKind.Community, "config.functions.community_village")]
    [InlineData(SiteKind.Village, "config.functions.community_village")]
    [InlineData(SiteKind.IndustrialPark, "config.functions.industrial_park")]
    [InlineData(SiteKind.School, "config.functions.school")]
    public void ItemsFor_ServiceFunctions_ExactlyTheKindsOwn(SiteKind kind, string id) =>
        Assert.Equal(id, Assert.Single(StandardisationChecklist.ItemsFor(kind), i => i.Id.StartsWith("config.functions.", StringComparison.Ordinal)).Id);

    [Theory]
    [InlineData(SiteKind.County, 26)]
    [InlineData(SiteKind.Township, 25)]
    [InlineData(SiteKind.Village, 25)]
    [InlineData(SiteKind.School, 25)]
    public void ItemsFor_Kind_MandatoryCount(SiteKind kind, int mandatory) =>
        Assert.Equal(mandatory, StandardisationChecklist.ItemsFor(kind).Count(i => i.Mandatory));

    [Theory]
    [InlineData(SiteKind.County)]
    [InlineData(SiteKind.Township)]
    [InlineData(SiteKind.Village)]
    [InlineData(SiteKind.IndustrialPark)]
    public void Evaluate_AllYes_UpToStandard(SiteKind kind)
    {
        var e = StandardisationChecklist.Evaluate(kind, AllYes(kind));
        Assert.True(e.UpToStandard);
        Assert.Equal("达标", e.Verdict);
        Assert.Empty(e.FailedMandatory);
    }

    public static TheoryData<string> MandatoryIds()
    {
        var data = new TheoryData<string>();
        foreach (var i in StandardisationChecklist.Items.Where(i => i.Mandatory))
        {
            data.Add(i.Id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MandatoryIds))]
    public void Evaluate_OneMandatoryNo_NotUpToStandardListingIt(string id)
    {
        var kind = id == "config.comprehensive_hall" ? SiteKind.County : SiteKind.Township;
        var answers = AllYes(kind);
        answers[id] = false;
        var e = StandardisationChecklist.Evaluate(kind, answers);
        Assert.False(e.UpToStandard);
        Assert.Equal("不达标", e.Verdict);
        Assert.Equal(id, Assert.Single(e.FailedMandatory).Id);
    }

    [Fact]
    public void Evaluate_OptionalNo_StillUpToStandard()
    {
        var answers = AllYes(SiteKind.Village);
        answers["config.recruitment_kiosk"] = false;
        answers["config.functions.community_village"] = false;
        var e = StandardisationChecklist.Evaluate(SiteKind.Village, answers);
        Assert.True(e.UpToStandard);
        Assert.Equal(2, e.FailedOptional.Count);
    }

    [Fact]
    public void Evaluate_ComprehensiveHallNoForVillage_Ignored()
    {
        var answers = AllYes(SiteKind.Village);
        answers["config.comprehensive_hall"] = false;
        Assert.True(StandardisationChecklist.Evaluate(SiteKind.Village, answers).UpToStandard);
    }

    [Fact]
    public void Evaluate_MandatoryUnanswered_CountsAsFailed()
    {
        var answers = AllYes(SiteKind.County);
        answers.Remove("rules.hotline");
        answers["no.such.item"] = true;
        var e = StandardisationChecklist.Evaluate(SiteKind.County, answers);
        Assert.False(e.UpToStandard);
        Assert.Equal("rules.hotline", Assert.Single(e.Unanswered).Id);
        Assert.Equal("rules.hotline", Assert.Single(e.FailedMandatory).Id);
        Assert.Equal("no.such.item", Assert.Single(e.UnknownAnswers));
    }
}
