using System.Text.Json;
using JobHome.Actors.Diagnostics;

namespace JobHome.Actors.Serialization;

/// <summary>
/// The silo's payload serializer (System.Text.Json with <see cref="Hosting.SiloOptions.JsonSerializerOptions"/>): grain
/// state and stream events. Request objects are plain serialisable classes, so a transport can use the same options.
/// </summary>
internal sealed class GrainSerializer(JsonSerializerOptions options, ActorsMetrics metrics)
{
    public ActorsMetrics Metrics { get; } = metrics;

    public JsonSerializerOptions Options { get; } = options;

    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public T Deserialize<T>(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<T>(payload, Options) ?? throw new JsonException($"Payload deserialised to null as {typeof(T)}.");

    public object Deserialize(ReadOnlySpan<byte> payload, Type type) =>
        JsonSerializer.Deserialize(payload, type, Options) ?? throw new JsonException($"Payload deserialised to null as {type}.");
}
