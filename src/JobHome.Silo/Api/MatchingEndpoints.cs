using System.Globalization;
using JobHome.Grains.Matching;

namespace JobHome.Silo.Api;

/// <summary>The real-time matching endpoints: a seeker's recommended posts and a post's candidate seekers.</summary>
public static class MatchingEndpoints
{
    /// <summary>The largest k a request may ask for.</summary>
    public const int MaxK = 100;

    /// <summary>The k used when the request gives none.</summary>
    public const int DefaultK = 10;

    /// <summary>
    /// Maps <c>GET /api/seekers/{id}/recommendations?k=10</c> and <c>GET /api/posts/{id}/candidates?k=10</c>: 404 for an
    /// unknown id, 400 (problem details naming <c>k</c>) for k outside 1..100.
    /// </summary>
    public static IEndpointRouteBuilder MapMatchingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/seekers/{id}/recommendations", GetRecommendationsAsync)
            .WithName("GetSeekerRecommendations")
            .WithSummary("A seeker's post list: the best posts with the factors that explain each (职业匹配 …).")
            .Produces<RecommendationsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/posts/{id}/candidates", GetCandidatesAsync)
            .WithName("GetPostCandidates")
            .WithSummary("A post's best active seekers with the factors that explain each.")
            .Produces<CandidatesResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> GetRecommendationsAsync(string id, string? k, IClusterClient client)
    {
        if (!TryParseK(k, out var count, out var problem))
        {
            return problem;
        }
        var list = await client.GetGrain<ISeekerMatchingGrain>(id).GetPostListAsync(count);
        return list is null
            ? NotFound("seeker (求职者)", id)
            : Results.Ok(new RecommendationsResponse([.. list.Items.Select(i => new RecommendationItem(i.Id, i.Score, i.Factors))]));
    }

    private static async Task<IResult> GetCandidatesAsync(string id, string? k, IClusterClient client)
    {
        if (!TryParseK(k, out var count, out var problem))
        {
            return problem;
        }
        var items = await client.GetGrain<IPostMatchingGrain>(id).GetCandidatesAsync(count);
        return items is null
            ? NotFound("post (岗位)", id)
            : Results.Ok(new CandidatesResponse([.. items.Select(i => new CandidateItem(i.Id, i.Score, i.Factors))]));
    }

    private static bool TryParseK(string? text, out int k, out IResult problem)
    {
        k = DefaultK;
        problem = Results.Empty;
        if (text is null)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out k) && k is >= 1 and <= MaxK)
        {
            return true;
        }
        problem = Results.ValidationProblem(
            new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["k"] = [$"'{text}' is not a whole number from 1 to {MaxK} (推荐数量 k: 1–{MaxK})"],
            },
            title: "One or more fields are invalid.");
        return false;
    }

    private static IResult NotFound(string what, string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"{what} {id} is not registered");

    /// <summary>The body of <c>GET /api/seekers/{id}/recommendations</c>: the posts, best first.</summary>
    /// <param name="Items">The posts, best first.</param>
    public sealed record RecommendationsResponse(IReadOnlyList<RecommendationItem> Items);

    /// <summary>One recommended post: id, engine score in [0, 1] and the top factors with Chinese and English text.</summary>
    /// <param name="PostId">The post.</param>
    /// <param name="Score">Engine score in [0, 1].</param>
    /// <param name="Factors">Top factors by contribution.</param>
    public sealed record RecommendationItem(string PostId, double Score, IReadOnlyList<MatchFactorView> Factors);

    /// <summary>The body of <c>GET /api/posts/{id}/candidates</c>: the seekers, best first.</summary>
    /// <param name="Items">The seekers, best first.</param>
    public sealed record CandidatesResponse(IReadOnlyList<CandidateItem> Items);

    /// <summary>One candidate seeker: id, engine score in [0, 1] and the top factors with Chinese and English text.</summary>
    /// <param name="SeekerId">The seeker.</param>
    /// <param name="Score">Engine score in [0, 1].</param>
    /// <param name="Factors">Top factors by contribution.</param>
    public sealed record CandidateItem(string SeekerId, double Score, IReadOnlyList<MatchFactorView> Factors);
}
