using FsCheck.Xunit;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.People;

public sealed class IdCardNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("360722199001011238")]
    [InlineData("440524198002290010")] // leap day
    public void TryParse_ValidNumber_Succeeds(string text)
    {
        Assert.True(IdCardNumber.TryParse(text, out var number, out var error));
        Assert.Null(error);
        Assert.NotNull(number);
    }

    [Fact]
    public void TryParse_ValidNumber_ExposesBirthDateGenderAndRegion()
    {
        var n = IdCardNumber.Parse("11010519491231002X");
        Assert.Equal(new DateOnly(1949, 12, 31), n.BirthDate);
        Assert.Equal(Gender.Female, n.Gender);
        Assert.Equal("110105", n.RegionCode);
        Assert.Equal("11010519491231002X", n.RevealFullNumber());
        Assert.Equal(Gender.Male, IdCardNumber.Parse("360722199001011238").Gender);
    }

    [Theory]
    [InlineData("110105194912310021", "check character")]
    [InlineData("360722199001011234", "check character")]
    [InlineData("36072219900101123", "17 characters")]
    [InlineData("3607221990010112381", "19 characters")]
    [InlineData("36072219900A011238", "not a digit")]
    [InlineData("36072219900101123Y", "digit or X")]
    [InlineData("990722199001011238", "region code")]
    [InlineData("360722199002301234", "birth date")]
    [InlineData("360722189912311234", "birth date")]
    [InlineData("360722199001010004", "sequence")]
    [InlineData("", "empty")]
    public void TryParse_InvalidNumber_FailsWithReason(string text, string reason)
    {
        Assert.False(IdCardNumber.TryParse(text, out var number, out var error));
        Assert.Null(number);
        Assert.NotNull(error);
        Assert.Contains(reason, error.Problem, StringComparison.Ordinal);
        Assert.Contains("GB 11643", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidNumber_ErrorNeverEchoesFullNumber()
    {
        const string bad = "360722199001011234";
        IdCardNumber.TryParse(bad, out _, out var error);
        Assert.DoesNotContain(bad, error!.ToString(), StringComparison.Ordinal);
        Assert.Equal("3607**********1234", error.Value);
        var ex = Assert.Throws<FormatException>(() => IdCardNumber.Parse(bad));
        Assert.DoesNotContain(bad, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Always_Masked()
    {
        var n = IdCardNumber.Parse("11010519491231002X");
        Assert.Equal("1101**********002X", n.ToString());
        Assert.Equal("1101**********002X", $"{n}");
        Assert.DoesNotContain("19491231", n.ToString(), StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public bool Create_AnyBirthAndSequence_ParsesBack(int days, int seq)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Math.Abs(days % 25000));
        var n = IdCardNumber.Create("360722", birth, (Math.Abs(seq % 999)) + 1);
        return IdCardNumber.TryParse(n.RevealFullNumber(), out var back, out _) && back!.Equals(n) && back.BirthDate == birth;
    }

    [Property(MaxTest = 500)]
    public bool TryParse_SingleCharacterCorruption_IsCaught(int days, int seq, int position, int delta)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Math.Abs(days % 25000));
        var full = IdCardNumber.Create("360722", birth, (Math.Abs(seq % 999)) + 1).RevealFullNumber().ToCharArray();
        var p = Math.Abs(position % 18);
        const string alphabet = "0123456789X";
        var current = alphabet.IndexOf(full[p], StringComparison.Ordinal);
        var size = p == 17 ? 11 : 10;
        full[p] = alphabet[(current + 1 + Math.Abs(delta % (size - 1))) % size];
        return !IdCardNumber.TryParse(new string(full), out _, out _);
    }
}
