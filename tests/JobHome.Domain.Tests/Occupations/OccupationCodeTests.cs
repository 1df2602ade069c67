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
    [InlineData("7-00-01-00")]
    [InlineData("8-01-00-00")]
    [InlineData("3-00-00-00")]
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

    [Theory]
    [InlineData("4-01-01-01-01", "'4-01-01-01-01' has 5 levels; an occupation code (职业分类代码) has at most 4: X-XX-XX-XX")]
    [InlineData("41-01", "'41-01' must start with a major group digit 1–8 (大类)")]
    [InlineData("-01", "'-01' must start with a major group digit 1–8 (大类)")]
    [InlineData("4--01", "'4--01' level 2 is ''; " + LevelRule)]
    [InlineData("4-01-0a", "'4-01-0a' level 3 is '0a'; " + LevelRule)]
    [InlineData("4-01-", "'4-01-' level 3 is ''; " + LevelRule)]
    [InlineData("7-00-01-00", "'7-00-01-00' level 2 is '00'; " + LevelRule)]
    [InlineData("7-00-00-01", "'7-00-00-01' level 2 is '00'; " + LevelRule)]
    public void TryParse_InvalidForms_SayWhichLevelIsWrong(string text, string expected)
    {
        Assert.False(OccupationCode.TryParse(text, out var code, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, code);
    }

    private const string LevelRule = "each level after the first must be two digits 01–99 (X-XX-XX-XX), "
        + "except the undivided groups 7-00-00-00 (军人) and 8-00-00-00 (不便分类的其他从业人员)";

    [Theory]
    [InlineData("7-00-00-00", 4)]
    [InlineData("8-00-00-00", 4)]
    [InlineData("7-00", 2)]
    public void TryParse_UndividedMajorGroups_AcceptAllZeroLevels(string text, int depth)
    {
        Assert.True(OccupationCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(depth, code.Depth);
        Assert.Equal(text, code.ToString());
        Assert.Equal(depth, code.SharedDepth(OccupationCode.Parse(text)));
        Assert.Equal(1, code.SharedDepth(OccupationCode.Parse(text[0] + "")));
    }
}
