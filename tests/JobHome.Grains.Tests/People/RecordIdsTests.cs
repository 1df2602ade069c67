using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.People;

public sealed class RecordIdsTests
{
    [Fact]
    public void New_TwoCallsLaterInTime_DistinctPrefixedAndOrdered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

        var first = RecordIds.New(RecordIds.Seeker, time);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = RecordIds.New(RecordIds.Seeker, time);

        Assert.StartsWith("sk-", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void New_SeekerId_PrefixAndUuidOnly()
    {
        var id = RecordIds.New(RecordIds.Seeker, new FakeTimeProvider());

        Assert.Equal(3 + 32, id.Length);
        Assert.All(id[3..], c => Assert.True(char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)));
    }
}
