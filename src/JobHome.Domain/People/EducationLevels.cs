namespace JobHome.Domain.People;

/// <summary>Ordering and text forms of <see cref="EducationLevel"/>.</summary>
public static class EducationLevels
{
    private static readonly string[] Tokens = ["none", "primary", "junior", "senior", "vocational", "college", "bachelor", "master",
        "doctor"];

    /// <summary>
    /// The comparable rank: none 0 &lt; primary 1 &lt; junior 2 &lt; senior = vocational 3 &lt; college 4 &lt; bachelor 5 &lt; master 6
    /// &lt; doctor 7.
    /// </summary>
    public static int Rank(this EducationLevel level) => level switch
    {
        EducationLevel.None => 0,
        EducationLevel.Primary => 1,
        EducationLevel.Junior => 2,
        EducationLevel.Senior or EducationLevel.Vocational => 3,
        EducationLevel.College => 4,
        EducationLevel.Bachelor => 5,
        EducationLevel.Master => 6,
        EducationLevel.Doctor => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown education level"),
    };

    /// <summary>True when <paramref name="level"/> meets the <paramref name="minimum"/>.</summary>
    public static bool Meets(this EducationLevel level, EducationLevel minimum) => level.Rank() >= minimum.Rank();

    /// <summary>The lower-case file token (e.g. <c>college</c>).</summary>
    public static string ToToken(this EducationLevel level) => Tokens[(int)level];

    /// <summary>Parses a lower-case token such as <c>bachelor</c>.</summary>
    public static bool TryParse(string? text, out EducationLevel level)
    {
        var index = text is null ? -1 : Array.IndexOf(Tokens, text);
        level = index < 0 ? EducationLevel.None : (EducationLevel)index;
        return index >= 0;
    }

    /// <summary>All tokens in order, for error messages.</summary>
    public static IReadOnlyList<string> AllTokens => Tokens;
}
