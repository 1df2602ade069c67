using System.Text.Json;
using System.Text.Json.Serialization;
using JobHome.Silo.Api.Placements;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using Microsoft.AspNetCore.Mvc;

namespace JobHome.Silo.Api;

/// <summary>
/// Source-generated JSON metadata for the change endpoints' bodies and answers and the problem details (the hot path of
/// <c>jobhome load</c> and every import): first in the API's resolver chain, the same camelCase web defaults as the rest
/// of the API, so the wire format does not change; other types fall through to the reflection resolver.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SeekerRequest))]
[JsonSerializable(typeof(SeekerResponse))]
[JsonSerializable(typeof(PostRequest))]
[JsonSerializable(typeof(PostResponse))]
[JsonSerializable(typeof(PlacementBody))]
[JsonSerializable(typeof(PlacementEndBody))]
[JsonSerializable(typeof(PlacementResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(ApiFieldError[]))]
internal sealed partial class ApiJson : JsonSerializerContext;
