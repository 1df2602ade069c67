using JobHome.Cli.Fair;

namespace JobHome.Cli.Tests.Fair;

public sealed class ScoreTextTests
{
    [Theory]
    [InlineData(0, "0.000000")]
    [InlineData(1, "0.000001")]
    [InlineData(830000, "0.830000")]
    [InlineData(999999, "0.999999")]
    [InlineData(1000000, "1.000000")]
    [InlineData(15039905262L, "15039.905262")]
    public void FromMicro_Value_HasExactlySixDecimals(long micro, string text) => Assert.Equal(text, ScoreText.FromMicro(micro));

    [Fact]
    public void WriteMicro_EveryStep_MatchesFromMicro()
    {
        var writer = new StringWriter();
        for (var micro = 0; micro <= 1_000_000; micro += 997)
        {
            writer.GetStringBuilder().Clear();
            ScoreText.WriteMicro(writer, micro);
            Assert.Equal(ScoreText.FromMicro(micro), writer.ToString());
        }
    }
}
