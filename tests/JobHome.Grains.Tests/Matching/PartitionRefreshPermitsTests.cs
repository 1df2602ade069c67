using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The silo's per-partition permits of background post-list refreshes (<see cref="PartitionRefreshPermits"/>): taken only
/// when free at once, per partition key, counted when refused, and the setting's bounds named in the error.
/// </summary>
public sealed class PartitionRefreshPermitsTests
{
    [Fact]
    public void TryEnter_AllPermitsOfAPartitionTaken_RefusedAndCountedOtherPartitionsFree()
    {
        var permits = new PartitionRefreshPermits(2);

        Assert.True(permits.TryEnter("p1"));
        Assert.True(permits.TryEnter("p1"));
        Assert.False(permits.TryEnter("p1"));
        Assert.True(permits.TryEnter("p2"));

        Assert.Equal(0, permits.Free("p1"));
        Assert.Equal(1, permits.Free("p2"));
        Assert.Equal(2, permits.Free("never-asked"));
        Assert.Equal(3, permits.Granted);
        Assert.Equal(1, permits.Deferred);

        permits.Release("p1");
        Assert.True(permits.TryEnter("p1"));
        Assert.Equal(4, permits.Granted);
        Assert.Equal(1, permits.Deferred);
    }

    [Fact]
    public void Release_PartitionNeverEntered_Throws()
    {
        var permits = new PartitionRefreshPermits(1);

        var e = Assert.Throws<InvalidOperationException>(() => permits.Release("p9"));

        Assert.Contains("p9", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(PartitionRefreshPermits.MaxPerPartition + 1)]
    public void Constructor_OutOfRange_NamesTheSettingTheTermAndTheRule(int perPartition)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionRefreshPermits(perPartition));

        Assert.Contains("RefreshPermitsPerPartition", e.Message, StringComparison.Ordinal);
        Assert.Contains("每分区后台刷新并发数", e.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 1024", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchingOptions_Default_FourPermitsPerPartition() => Assert.Equal(4, new MatchingOptions().RefreshPermitsPerPartition);
}
