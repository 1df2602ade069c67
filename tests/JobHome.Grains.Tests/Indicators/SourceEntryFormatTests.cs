using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// An aggregator's record entries are stored without Orleans' reference tracking (<see cref="SourceEntry"/> is
/// <c>[SuppressReferenceTracking]</c>: a shard of a few hundred entries no longer builds the serializer's overflow table
/// of every object in it on each write). The stored bytes are the same as before, so shards stored by a silo of the
/// earlier version read as they were, and a silo of that version reads the new ones. The fixture is a shard of 80
/// entries (past the serializer's 64 inline references) as main `4001629` wrote it.
/// </summary>
public sealed class SourceEntryFormatTests
{
    private const string WrittenBefore =
        "ICAwATEs1C4dU3RyaW5nQ29tcGFyZXIAAwEB4AGhQRdzZWVrZXI6MDAwMCAAQh8BAWEgSQsAYQFJCwABBQEBAQHgQBdzZWVrZXI6"
        + "MDAwMSAASh8BBcEBwQEBAQEFAQXgQBdzZWVrZXI6MDAwMiAAUh8BAWFdSQsAwQEBAQEJAQngQBdzZWVrZXI6MDAwMyAAWh8BBcEB"
        + "wQEBBQENAQ3gQBdzZWVrZXI6MDAwNCAAYh8BAWGcSQsAwQEBAQERAQHgQBdzZWVrZXI6MDAwNSAAah8BBcEBYQZJCwABAQEVAQXg"
        + "QBdzZWVrZXI6MDAwNiAAch8BAWHbSQsAwQEBBQEZAQngQBdzZWVrZXI6MDAwNyAAeh8BBcEBwQEBAQEBAQ3gQBdzZWVrZXI6MDAw"
        + "OCAAgh8BAWEbSgsAwQEBAQEFAQHgQBdzZWVrZXI6MDAwOSAAih8BBcEBwQEBBQEJAQXgQBdzZWVrZXI6MDAxMCAAkh8BAWFaSgsA"
        + "YQtJCwABAQENAQngQBdzZWVrZXI6MDAxMSAAmh8BBcEBwQEBAQERAQ3gQBdzZWVrZXI6MDAxMiAAoh8BAWEsSQsAwQEBBQEVAQHg"
        + "QBdzZWVrZXI6MDAxMyAAqh8BBcEBwQEBAQEZAQXgQBdzZWVrZXI6MDAxNCAAsh8BAWFpSQsAwQEBAQEBAQngQBdzZWVrZXI6MDAx"
        + "NSAAuh8BBcEBYRBJCwABBQEFAQ3gQBdzZWVrZXI6MDAxNiAAwh8BAWGoSQsAwQEBAQEJAQHgQBdzZWVrZXI6MDAxNyAAyh8BBcEB"
        + "wQEBAQENAQXgQBdzZWVrZXI6MDAxOCAA0h8BAWHnSQsAwQEBBQERAQngQBdzZWVrZXI6MDAxOSAA2h8BBcEBwQEBAQEVAQ3gQBdz"
        + "ZWVrZXI6MDAyMCAA4h8BAWEnSgsAYRVJCwABAQEZAQHgQBdzZWVrZXI6MDAyMSAA6h8BBcEBwQEBBQEBAQXgQBdzZWVrZXI6MDAy"
        + "MiAA8h8BAWFmSgsAwQEBAQEFAQngQBdzZWVrZXI6MDAyMyAA+h8BBcEBwQEBAQEJAQ3gQBdzZWVrZXI6MDAyNCAAAiABAWE4SQsA"
        + "wQEBBQENAQHgQBdzZWVrZXI6MDAyNSAACiABBcEBYRpJCwABAQERAQXgQBdzZWVrZXI6MDAyNiAAEiABAWF1SQsAwQEBAQEVAQng"
        + "QBdzZWVrZXI6MDAyNyAAGiABBcEBwQEBBQEZAQ3gQBdzZWVrZXI6MDAyOCAAIiABAWGYSQsAwQEBAQEBAQHgQBdzZWVrZXI6MDAy"
        + "OSAAKiABBcEBwQEBAQEFAQXgQBdzZWVrZXI6MDAzMCAAMiABAWHXSQsAYQNJCwABBQEJAQngQBdzZWVrZXI6MDAzMSAAOiABBcEB"
        + "wQEBAQENAQ3gQBdzZWVrZXI6MDAzMiAAQiABAWEXSgsAwQEBAQERAQHgQBdzZWVrZXI6MDAzMyAASiABBcEBwQEBBQEVAQXgQBdz"
        + "ZWVrZXI6MDAzNCAAUiABAWFWSgsAwQEBAQEZAQngQBdzZWVrZXI6MDAzNSAAWiABBcEBYQhJCwABAQEBAQ3gQBdzZWVrZXI6MDAz"
        + "NiAAYiABAWEoSQsAwQEBBQEFAQHgQBdzZWVrZXI6MDAzNyAAaiABBcEBwQEBAQEJAQXgQBdzZWVrZXI6MDAzOCAAciABAWFlSQsA"
        + "wQEBAQENAQngQBdzZWVrZXI6MDAzOSAAeiABBcEBwQEBBQERAQ3gQBdzZWVrZXI6MDA0MCAAgiABAWGkSQsAYQ1JCwABAQEVAQHg"
        + "QBdzZWVrZXI6MDA0MSAAiiABBcEBwQEBAQEZAQXgQBdzZWVrZXI6MDA0MiAAkiABAWHjSQsAwQEBBQEBAQngQBdzZWVrZXI6MDA0"
        + "MyAAmiABBcEBwQEBAQEFAQ3gQBdzZWVrZXI6MDA0NCAAoiABAWEjSgsAwQEBAQEJAQHgQBdzZWVrZXI6MDA0NSAAqiABBcEBYRJJ"
        + "CwABBQENAQXgQBdzZWVrZXI6MDA0NiAAsiABAWFiSgsAwQEBAQERAQngQBdzZWVrZXI6MDA0NyAAuiABBcEBwQEBAQEVAQ3gQBdz"
        + "ZWVrZXI6MDA0OCAAwiABAWE0SQsAwQEBBQEZAQHgQBdzZWVrZXI6MDA0OSAAyiABBcEBwQEBAQEBAQXgQBdzZWVrZXI6MDA1MCAA"
        + "0iABAWFxSQsAYRdJCwABAQEFAQngQBdzZWVrZXI6MDA1MSAA2iABBcEBwQEBBQEJAQ3gQBdzZWVrZXI6MDA1MiAA4iABAWGwSQsA"
        + "wQEBAQENAQHgQBdzZWVrZXI6MDA1MyAA6iABBcEBwQEBAQERAQXgQBdzZWVrZXI6MDA1NCAA8iABAWHvSQsAwQEBBQEVAQngQBdz"
        + "ZWVrZXI6MDA1NSAA+iABBcEBYRxJCwABAQEZAQ3gQBdzZWVrZXI6MDA1NiAAAiEBAWETSgsAwQEBAQEBAQHgQBdzZWVrZXI6MDA1"
        + "NyAACiEBBcEBwQEBBQEFAQXgQBdzZWVrZXI6MDA1OCAAEiEBAWFSSgsAwQEBAQEJAQngQBdzZWVrZXI6MDA1OSAAGiEBBcEBwQEB"
        + "AQENAQ3gQBdzZWVrZXI6MDA2MCAAIiEBAWEkSQsAYQVJCwABBQERAQHgQBdzZWVrZXI6MDA2MSAAKiEBBcEBwQEBAQEVAQXgQBdz"
        + "ZWVrZXI6MDA2MiAAMiEBAWFhSQsAwQEBAQEZAQngQBdzZWVrZXI6MDA2MyAAOiEBBcEBwQEBBQEBAQ3gQBdzZWVrZXI6MDA2NCAA"
        + "QiEBAWGgSQsAwQEBAQEFAQHgQBdzZWVrZXI6MDA2NSAASiEBBcEBYQpJCwABAQEJAQXgQBdzZWVrZXI6MDA2NiAAUiEBAWHfSQsA"
        + "wQEBBQENAQngQBdzZWVrZXI6MDA2NyAAWiEBBcEBwQEBAQERAQ3gQBdzZWVrZXI6MDA2OCAAYiEBAWEfSgsAwQEBAQEVAQHgQBdz"
        + "ZWVrZXI6MDA2OSAAaiEBBcEBwQEBBQEZAQXgQBdzZWVrZXI6MDA3MCAAciEBAWFeSgsAYQ9JCwABAQEBAQngQBdzZWVrZXI6MDA3"
        + "MSAAeiEBBcEBwQEBAQEFAQ3gQBdzZWVrZXI6MDA3MiAAgiEBAWEwSQsAwQEBBQEJAQHgQBdzZWVrZXI6MDA3MyAAiiEBBcEBwQEB"
        + "AQENAQXgQBdzZWVrZXI6MDA3NCAAkiEBAWFtSQsAwQEBAQERAQngQBdzZWVrZXI6MDA3NSAAmiEBBcEBYRRJCwABBQEVAQ3gQBdz"
        + "ZWVrZXI6MDA3NiAAoiEBAWGsSQsAwQEBAQEZAQHgQBdzZWVrZXI6MDA3NyAAqiEBBcEBwQEBAQEBAQXgQBdzZWVrZXI6MDA3OCAA"
        + "siEBAWHrSQsAwQEBBQEFAQngQBdzZWVrZXI6MDA3OSAAuiEBBcEBwQEBAQEJAQ3g4MEB4A==";

    private static readonly Serializer Binary = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(SourceEntry).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static MapShard<SourceEntry> Shard()
    {
        var shard = new MapShard<SourceEntry>();
        for (var i = 0; i < 80; i++)
        {
            shard.Entries[$"seeker:{i:D4}"] = new SourceEntry
            {
                Version = 1000 + i,
                Employed = i % 2,
                UnemployedSince = i % 2 == 0 ? new DateOnly(2026, 1 + i % 12, 1 + i % 28) : null,
                ZeroEmploymentSince = i % 5 == 0 ? new DateOnly(2025, 12, 1 + i % 28) : null,
                OpenPosts = i % 3 == 0 ? 1 : 0,
                Openings = i % 7,
                Placements = i % 4,
            };
        }
        return shard;
    }

    [Fact]
    public void Serialize_Shard_SameBytesAsTheEarlierVersion()
    {
        Assert.Equal(WrittenBefore, Convert.ToBase64String(Binary.SerializeToArray(Shard())));
    }

    [Fact]
    public void Deserialize_ShardOfTheEarlierVersion_EveryEntryAsWritten()
    {
        var read = Binary.Deserialize<MapShard<SourceEntry>>(Convert.FromBase64String(WrittenBefore))!;

        var expected = Shard();
        Assert.Equal(expected.Entries.Keys.Order(StringComparer.Ordinal), read.Entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, entry) in expected.Entries)
        {
            var got = read.Entries[key];
            Assert.Equal(
                (entry.Version, entry.Employed, entry.UnemployedSince, entry.ZeroEmploymentSince, entry.OpenPosts, entry.Openings, entry.Placements),
                (got.Version, got.Employed, got.UnemployedSince, got.ZeroEmploymentSince, got.OpenPosts, got.Openings, got.Placements));
        }
        Assert.Null(read.Tags);
    }

    [Fact]
    public void Serialize_OneEntryUnderTwoKeys_ReadsAsTwoEqualEntries()
    {
        // Without reference tracking an entry held twice is written twice; the map never shares one, and a shared one
        // would still read back with the same values under both keys.
        var shard = new MapShard<SourceEntry>();
        var entry = new SourceEntry { Version = 7, Employed = 1, Placements = 2 };
        shard.Entries["seeker:a"] = entry;
        shard.Entries["seeker:b"] = entry;

        var read = Binary.Deserialize<MapShard<SourceEntry>>(Binary.SerializeToArray(shard))!;

        Assert.NotSame(read.Entries["seeker:a"], read.Entries["seeker:b"]);
        Assert.All(read.Entries.Values, e => Assert.Equal((7L, 1, 2), (e.Version, e.Employed, e.Placements)));
    }
}
