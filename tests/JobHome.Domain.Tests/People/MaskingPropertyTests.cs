using FsCheck.Xunit;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.People;

public sealed class MaskingPropertyTests
{
    [Property(MaxTest = 300)]
    public bool IdCardToString_AnyValidNumber_HidesBirthDateAndCounty(int days, int seq)
    {
        var birth = new DateOnly(1940, 1, 1).AddDays(Math.Abs(days % 30000));
        var n = IdCardNumber.Create("360722", birth, (Math.Abs(seq % 999)) + 1);
        var shown = n.ToString();
        var full = n.RevealFullNumber();
        return shown.Length == 18 && shown[..4] == full[..4] && shown[^4..] == full[^4..] && shown[4..14] == new string('*', 10);
    }

    [Property(MaxTest = 300)]
    public bool Phone_AnyElevenDigits_KeepsOnlyThreeAndFour(long number)
    {
        var phone = "1" + (Math.Abs(number % 10_000_000_000L)).ToString("0000000000", System.Globalization.CultureInfo.InvariantCulture);
        var masked = Masking.Phone(phone);
        return masked.Length == 11 && masked[..3] == phone[..3] && masked[^4..] == phone[^4..] && masked[3..7] == "****";
    }
}
