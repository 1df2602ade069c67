using System.Net;
using System.Text.Json.Nodes;
using JobHome.Domain.Checklist;
using JobHome.Domain.Sites;
using JobHome.Silo.Tests.Api;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Dashboard;

/// <summary>Recording a site's assessment and the card computed from it, on the real silo.</summary>
[Collection(ApiCollection.Name)]
public sealed class SiteAssessmentApiTests(RunningSiloFixture fixture)
{
    private static readonly string[] Level3Services =
        ["info_query", "info_publicity", "registration", "subsidy_application", "labour_survey", "key_group_survey"];

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task PutAssessment_Level3FacilitiesAndEveryMandatoryItemYes_CardShowsLevel3AndUpToStandard()
    {
        var tree = await _api.CreateTreeAsync();
        var township = tree.Township + "-A";
        var (created, _, _) = await _api.PostAsync("/api/sites", new
        {
            code = township, name = "大塘埠镇就业之家", kind = "township", parentCode = tree.County, lat = 25.3, lon = 114.9,
            rural = true, fullTimeStaff = 1,
        });
        Assert.Equal(HttpStatusCode.Created, created);
        var checklist = StandardisationChecklist.ItemsFor(SiteKind.Township).Where(i => i.Mandatory).ToDictionary(i => i.Id, _ => true);
        checklist["config.recruitment_kiosk"] = false;

        var (status, card, _) = await _api.SendAsync(HttpMethod.Put, $"/api/sites/{township}/assessment", new
        {
            services = Level3Services, serviceWindow = true, computer = true, checklist,
        });
        var (_, again, _) = await _api.GetAsync($"/api/sites/{township}/card");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.DeepEquals(card, again), $"{card} vs {again}");
        Assert.Equal(3, card!["level"]!.GetValue<int>());
        Assert.Equal("三级 能经办", card["levelName"]!.GetValue<string>());
        var missing = card["missingForNextLevel"]!.AsArray().Select(m => m!["item"]!.GetValue<string>()).ToArray();
        Assert.Contains("career_guidance", missing);
        Assert.Contains("two_staff", missing);
        Assert.Equal("达标", card["checklist"]!["verdict"]!.GetValue<string>());
        Assert.True(card["checklist"]!["passed"]!.GetValue<bool>());
        var failing = Assert.Single(card["checklist"]!["failing"]!.AsArray());
        Assert.Equal("config.recruitment_kiosk", failing!["item"]!.GetValue<string>());
        Assert.False(failing["mandatory"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PutAssessment_UnknownServiceItemAndFutureDate_Returns400NamingEachAndKeepsTheCard()
    {
        var tree = await _api.CreateTreeAsync();
        var (_, before, _) = await _api.GetAsync($"/api/sites/{tree.Village}/card");

        var (status, body, _) = await _api.SendAsync(HttpMethod.Put, $"/api/sites/{tree.Village}/assessment", new
        {
            services = new[] { "info_query", "juggling" },
            checklist = new Dictionary<string, bool>
            {
                ["signage.naming"] = true, ["no.such.item"] = true, ["config.comprehensive_hall"] = true,
            },
            assessedOn = ApiDriver.Today.AddDays(3),
        });
        var (_, after, _) = await _api.GetAsync($"/api/sites/{tree.Village}/card");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["services[1]", "checklist", "checklist", "assessedOn"], ApiDriver.ErrorFields(body));
        Assert.Equal(["juggling", "config.comprehensive_hall", "no.such.item"],
            body!["errors"]!.AsArray().Take(3).Select(e => e!["value"]!.GetValue<string>()).ToArray());
        Assert.True(JsonNode.DeepEquals(before, after));
    }

    [Fact]
    public async Task PutAssessment_UnknownSite_Returns404()
    {
        var assessment = new { services = Level3Services };
        var (status, body, _) = await _api.SendAsync(HttpMethod.Put, "/api/sites/NOPE-ASSESS/assessment", assessment);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["code"], ApiDriver.ErrorFields(body));
    }
}
