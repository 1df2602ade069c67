using JobHome.Domain.Occupations;

namespace JobHome.Grains.Matching;

/// <summary>Occupation codes of match records, parsed the way the grains validated them.</summary>
internal static class MatchCodes
{
    /// <summary>Every code that parses, in order.</summary>
    public static OccupationCode[] Parse(string[] codes)
    {
        // One array (no list to copy from): every code parses unless a record predates the validation.
        var parsed = new OccupationCode[codes.Length];
        var count = 0;
        foreach (var text in codes)
        {
            if (OccupationCode.TryParse(text, out var code, out _))
            {
                parsed[count++] = code;
            }
        }
        return count == parsed.Length ? parsed : parsed[..count];
    }

    /// <summary>One code; a code that does not parse becomes the empty code (shares no level with anything).</summary>
    public static OccupationCode ParseOne(string text) => OccupationCode.TryParse(text, out var code, out _) ? code : default;
}
