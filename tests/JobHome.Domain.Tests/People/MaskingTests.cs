using JobHome.Domain.Employers;
using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Domain.Tests.People;

public sealed class MaskingTests
{
    private const string FullId = "360722199001011238";
    private const string FullPhone = "13812345678";

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phone_Input_Masked(string? phone, string expected) => Assert.Equal(expected, Masking.Phone(phone));

    [Theory]
    [InlineData("张伟", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("王", "*")]
    [InlineData(null, "")]
    public void Name_Input_Masked(string? name, string expected) => Assert.Equal(expected, Masking.Name(name));

    [Fact]
    public void IdCard_FullNumber_KeepsFirstAndLastFour() => Assert.Equal("3607**********1238", Masking.IdCard(FullId));

    [Fact]
    public void SeekerToString_PersonalData_NeverInFull()
    {
        var seeker = NewSeeker();
        var text = seeker.ToString();
        Assert.DoesNotContain(FullId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FullPhone, text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", text, StringComparison.Ordinal);
        Assert.Contains("3607**********1238", text, StringComparison.Ordinal);
        Assert.Contains("138****5678", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SeekerValidate_BadFields_AllReportedMasked()
    {
        var seeker = NewSeeker() with { Phone = "1381234567X", BirthDate = new DateOnly(2015, 1, 1), ExpectedPayMin = -1, Availability = WorkKind.None };
        var result = seeker.Validate(new DateOnly(2025, 1, 1));
        Assert.False(result.IsValid);
        var fields = result.Errors.Select(e => e.Field).ToList();
        Assert.Contains("phone", fields);
        Assert.Contains("birth_date", fields);
        Assert.Contains("expected_pay_min", fields);
        Assert.Contains("availability", fields);
        Assert.DoesNotContain("1381234567X", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FullId, result.ToString(), StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Rule)));
    }

    [Fact]
    public void SeekerValidate_Consistent_IsValid() => Assert.True(NewSeeker().Validate(new DateOnly(2025, 1, 1)).IsValid);

    [Fact]
    public void EmployerToString_Phone_Masked()
    {
        var e = new Employer("E1", "信丰测试有限公司", UnifiedSocialCreditCode.Parse("91360722705432100L"), "360722", new GeoPoint(25.4, 114.9)) { ContactPhone = FullPhone };
        Assert.DoesNotContain(FullPhone, e.ToString(), StringComparison.Ordinal);
    }

    internal static Seeker NewSeeker() => new()
    {
        Id = "S1",
        Name = "张三丰",
        IdCard = IdCardNumber.Parse(FullId),
        Phone = FullPhone,
        BirthDate = new DateOnly(1990, 1, 1),
        Gender = Gender.Male,
        Education = EducationLevel.Senior,
        Location = new GeoPoint(25.39, 114.92),
        ExpectedPayMin = 4000,
    };
}
