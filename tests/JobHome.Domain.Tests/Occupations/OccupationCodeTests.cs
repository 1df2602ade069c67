using JobHome.Domain.Occupations;

namespace JobHome.Domain.Tests.Occupations;

public sealed class OccupationCodeTests
{
    [Theory]
    [InlineData("4-01-02-03", 4)]
    [InlineData("1", 1)]
    [InlineData("8-99", 2)]
    [InlineData("6-18-01", 3)]
    public void TryParse_ValidForms_Succeed(string text, int depth)
    {
        Assert.True(OccupationCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(depth, code.Depth);
        Assert.Equal(text, code.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("0-01-01-01")]
    [InlineData("9-01-01-01")]
    [InlineData("4-00-01-01")]
    [InlineData("4-01-00")]
    [InlineData("4-1-01-01")]
    [InlineData("4-001-01-01")]
    [InlineData("4-01-01-01-01")]
    [InlineData("41-01")]
    [InlineData("4-0a")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_InvalidForms_Fail(string? text)
    {
        Assert.False(OccupationCode.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
