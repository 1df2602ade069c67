namespace JobHome.Domain.People;

/// <summary>Masking of personal data (个人信息) for every display, log and error text.</summary>
public static class Masking
{
    /// <summary>
    /// Masks a phone number keeping the first 3 and last 4 digits (<c>138****5678</c>);
    /// shorter inputs become all asterisks.
    /// </summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }
        return phone.Length < 8 ? new string('*', phone.Length)
            : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }

    /// <summary>Masks a name keeping its first character (<c>张**</c>); the surname is not identifying on its own.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(name);
        var first = elements.Length > 1 ? name[..elements[1]] : name;
        return elements.Length == 1 ? "*" : first + new string('*', elements.Length - 1);
    }

    /// <summary>
    /// Masks an ID-card number keeping the first 4 (province and city) and last 4 characters
    /// (<c>3607**********123X</c>); the birth date and county stay hidden. Inputs shorter than 12 become all asterisks.
    /// </summary>
    public static string IdCard(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }
        return number.Length < 12 ? new string('*', number.Length)
            : string.Concat(number.AsSpan(0, 4), new string('*', number.Length - 8), number.AsSpan(number.Length - 4));
    }
}
