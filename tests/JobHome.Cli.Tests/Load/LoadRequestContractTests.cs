using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JobHome.Cli.Load;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Work;
using JobHome.Silo.Api;
using JobHome.Silo.Api.Employers;
using JobHome.Silo.Api.Placements;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace JobHome.Cli.Tests.Load;

/// <summary>
/// The load client's request records (LoadRequests.cs) against the API's own: each request, built by the same factory the
/// run uses and serialized with the run's JSON context, is bound with the API's JSON options (from <c>AddJobHomeApi</c>)
/// refusing any property the API does not know, then read with the endpoint's own field checks. A renamed or retyped
/// field, a new required field or a token the API no longer accepts fails here instead of as errors in a load run.
/// </summary>
public sealed class LoadRequestContractTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly JsonSerializerOptions Strict = StrictApiOptions();

    [Fact]
    public void Seeker_AsTheRunSendsIt_BindsAndPassesTheApisChecksWithTheSameValues()
    {
        var birth = new DateOnly(1985, 6, 1);
        var idNumber = IdCardNumber.Create("360722", birth, 17).RevealFullNumber();
        var load = LoadSeeker.Unemployed("360722100201", "李明华", idNumber, birth, male: true, "6-25-04-01", Today, (25.38, 114.92));

        var request = Bind(load, LoadJson.Default.LoadSeeker, ApiJson.Default.SeekerRequest, optional: ["phone"]);
        var checks = new FieldChecks();
        var registration = SeekerEndpoints.Read(request, checks);

        Assert.True(checks.IsValid, Describe(checks));
        Assert.Equal(("360722100201", "李明华", idNumber, birth), (registration.SiteCode, registration.Name, registration.IdNumber,
            registration.BirthDate));
        Assert.Equal((Gender.Male, EducationLevel.Senior, LabourStatus.Unemployed, Today.AddDays(-30)),
            (registration.Gender, registration.Education, registration.Status, registration.StatusSince));
        Assert.Equal(["6-25-04-01"], registration.Occupations);
        Assert.Equal((3000m, 25.38, 114.92, true, WorkKind.FullTime, KeyGroups.None),
            (registration.ExpectedPayMin, registration.Lat, registration.Lon, registration.Rural, registration.Availability,
                registration.KeyGroups));
        // The Domain's own rules, as the grain runs them before its write.
        Assert.True(IdCardNumber.TryParse(registration.IdNumber, out var idCard, out _));
        var domain = registration.ToDomain("pending", idCard, [OccupationCode.Parse("6-25-04-01")]).Validate(Today);
        Assert.True(domain.IsValid, string.Join("; ", domain.Errors));
    }

    [Fact]
    public void Post_AsTheRunSendsIt_BindsAndPassesTheApisChecksWithTheSameValues()
    {
        var load = LoadPost.FullTime("360722100201", "91360722MA35K0QX3Y", "4-03-02-01", 5, (25.38, 114.92));

        var request = Bind(load, LoadJson.Default.LoadPost, ApiJson.Default.PostRequest,
            optional: ["minEducation", "ageMin", "ageMax", "opened"]);
        var checks = new FieldChecks();
        var profile = PostEndpoints.Read(request, checks);

        Assert.True(checks.IsValid, Describe(checks));
        Assert.Equal(("360722100201", "91360722MA35K0QX3Y", "负载测试岗位", "4-03-02-01", 5),
            (profile.SiteCode, profile.EmployerCode, profile.Title, profile.Occupation, profile.Openings));
        Assert.Equal((3000m, 5000m, 25.38, 114.92, WorkKind.FullTime, EducationLevel.None),
            (profile.PayMin, profile.PayMax, profile.Lat, profile.Lon, profile.Kind, profile.MinEducation));
        Assert.Empty(profile.Skills);
    }

    [Fact]
    public void Employer_AsTheRunSendsIt_BindsWithEveryFieldTheApiRequires()
    {
        var load = LoadEmployer.At("91360722MA35K0QX3Y", "360722100201");

        var request = Bind(load, LoadJson.Default.LoadEmployer, ApiJsonTypes.Of<EmployerRequest>(),
            optional: ["lat", "lon", "contactPhone"]);

        // The endpoint reads these three as required texts (EmployerEndpoints); the location comes from the site when absent.
        Assert.Equal(("91360722MA35K0QX3Y", "负载测试用人单位", "360722100201"),
            (request.CreditCode, request.Name, request.SiteCode));
        Assert.Null(request.Lat);
    }

    [Fact]
    public void PlacementAndEnd_AsTheRunSendsThem_BindAndPassTheApisChecks()
    {
        var placement = Bind(new LoadPlacement("S-1", "P-1", Today), LoadJson.Default.LoadPlacement, ApiJson.Default.PlacementBody,
            optional: ["id"]);
        var end = Bind(LoadEnd.Completed(Today), LoadJson.Default.LoadEnd, ApiJson.Default.PlacementEndBody, optional: []);

        var checks = new FieldChecks();
        var read = (checks.Text("seekerId", placement.SeekerId, "seeker"), checks.Text("postId", placement.PostId, "post"),
            checks.Required("date", placement.Date, "date"));
        Assert.Equal(("S-1", "P-1", Today), read);
        Assert.Equal(Today, checks.Required("date", end.Date, "date"));
        Assert.Equal(PlacementEndReason.Completed, checks.EndReasonOf("reason", end.Reason));
        Assert.True(checks.IsValid, Describe(checks));
    }

    [Fact]
    public void Bind_PropertyTheApiDoesNotKnow_Fails()
    {
        // What a rename on either side looks like: the API would silently drop the field and answer 400 "is required".
        var json = JsonSerializer.SerializeToNode(LoadEnd.Completed(Today), LoadJson.Default.LoadEnd)!.AsObject();
        json["endReason"] = json["reason"]!.DeepClone();
        json.Remove("reason");

        var error = Assert.Throws<JsonException>(() => json.Deserialize(Strict.GetTypeInfo(typeof(PlacementEndBody))));
        Assert.Contains("endReason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NumberWhereTheApiWantsText_Fails()
    {
        var json = JsonSerializer.SerializeToNode(new LoadPlacement("S-1", "P-1", Today), LoadJson.Default.LoadPlacement)!.AsObject();
        json["seekerId"] = 17;

        Assert.Throws<JsonException>(() => json.Deserialize(Strict.GetTypeInfo(typeof(PlacementBody))));
    }

    // Serializes as the run does, binds as the API does (unknown properties refused), and checks that the API properties
    // the run leaves out are exactly the optional ones named: a field the API adds is a decision for the load client too.
    private static TApi Bind<TLoad, TApi>(TLoad load, JsonTypeInfo<TLoad> loadType, JsonTypeInfo<TApi> apiType, string[] optional)
    {
        var json = JsonSerializer.Serialize(load, loadType);
        var api = (TApi?)JsonSerializer.Deserialize(json, Strict.GetTypeInfo(apiType.Type));
        Assert.NotNull(api);
        var sent = JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var apiNames = Strict.GetTypeInfo(apiType.Type).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(apiNames, sent);
        Assert.Equal(optional.Order(StringComparer.Ordinal), apiNames.Except(sent).Order(StringComparer.Ordinal));
        return api;
    }

    private static string Describe(FieldChecks checks) => string.Join("; ", checks.Errors.Select(e => $"{e.Field}: {e.Problem}"));

    private static JsonSerializerOptions StrictApiOptions()
    {
        var services = new ServiceCollection();
        services.AddJobHomeApi();
        using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        return new JsonSerializerOptions(api) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
    }

    // EmployerRequest is bound through the reflection resolver (it is not in ApiJson); this gives its metadata the same way.
    private static class ApiJsonTypes
    {
        public static JsonTypeInfo<T> Of<T>() => (JsonTypeInfo<T>)Strict.GetTypeInfo(typeof(T));
    }
}
