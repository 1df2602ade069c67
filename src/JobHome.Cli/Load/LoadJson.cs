using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobHome.Cli.Load;

/// <summary>
/// Source-generated JSON for the load run's requests and answers (camelCase like the API): no reflection and no
/// per-request options on the client's hot path.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadEmployer))]
[JsonSerializable(typeof(LoadSeeker))]
[JsonSerializable(typeof(LoadPost))]
[JsonSerializable(typeof(LoadPlacement))]
[JsonSerializable(typeof(LoadEnd))]
[JsonSerializable(typeof(LoadCreated))]
internal sealed partial class LoadJson : JsonSerializerContext;
