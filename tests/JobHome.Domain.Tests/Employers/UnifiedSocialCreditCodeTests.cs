using FsCheck.Xunit;
using JobHome.Domain.Employers;

namespace JobHome.Domain.Tests.Employers;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91360722705432100L")]
    public void TryParse_ValidCode_Succeeds(string text)
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(text, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(text, code.ToString());
    }

    [Theory]
    [InlineData("91350100M000100Y44", "check character")]
    [InlineData("91360722705432100M", "check character")]
    [InlineData("91350100M000100Y4", "17 characters")]
    [InlineData("91350100I000100Y43", "not allowed")]
    [InlineData("91350100O000100Y43", "not allowed")]
    [InlineData("91350100Z000100Y43", "not allowed")]
    [InlineData("91350100S000100Y43", "not allowed")]
    [InlineData("91350100V000100Y43", "not allowed")]
    [InlineData("91350100m000100Y43", "not allowed")]
    [InlineData("913A0100M000100Y43", "region code")]
    [InlineData("", "empty")]
    public void TryParse_InvalidCode_FailsWithReason(string text, string reason)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(text, out _, out var error));
        Assert.Contains(reason, error!.Problem, StringComparison.Ordinal);
        Assert.Contains("GB 32100", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeCheckCharacter_RemainderZero_MapsTo0()
    {
        // Σ = 0 → 31 - 0 = 31 → '0'.
        Assert.Equal('0', UnifiedSocialCreditCode.ComputeCheckCharacter("00000000000000000"));
    }

    [Property(MaxTest = 500)]
    public bool TryParse_SingleCharacterCorruption_IsCaught(ulong bits, int position, int delta)
    {
        var alphabet = UnifiedSocialCreditCode.Alphabet;
        var chars = new char[17];
        chars[0] = '9';
        chars[1] = '1';
        for (var i = 2; i < 17; i++)
        {
            chars[i] = i < 8 ? (char)('0' + (int)(bits % 10)) : alphabet[(int)(bits % 31)];
            bits = (bits * 6364136223846793005UL) + 1442695040888963407UL;
        }
        var full = UnifiedSocialCreditCode.Create(new string(chars)).Value.ToCharArray();
        var p = Math.Abs(position % 18);
        if (p is >= 2 and < 8)
        {
            var d = full[p] - '0';
            full[p] = (char)('0' + ((d + 1 + Math.Abs(delta % 9)) % 10));
        }
        else
        {
            var v = alphabet.IndexOf(full[p], StringComparison.Ordinal);
            full[p] = alphabet[(v + 1 + Math.Abs(delta % 30)) % 31];
        }
        return !UnifiedSocialCreditCode.TryParse(new string(full), out _, out _);
    }
}
