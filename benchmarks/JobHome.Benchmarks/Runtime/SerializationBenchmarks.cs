using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace JobHome.Benchmarks.Runtime;

/// <summary>What a network transport would pay per call: System.Text.Json round trip of a small record argument.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private readonly PlacementQuery _query = new("seeker-3301", "post-42", 20);
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup() => _payload = JsonSerializer.SerializeToUtf8Bytes(_query, Options);

    [Benchmark]
    public byte[] Json_Serialize_SmallRecord() => JsonSerializer.SerializeToUtf8Bytes(_query, Options);

    [Benchmark]
    public PlacementQuery? Json_Deserialize_SmallRecord() => JsonSerializer.Deserialize<PlacementQuery>(_payload, Options);
}
