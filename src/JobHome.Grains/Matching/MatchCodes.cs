using JobHome.Domain.Occupations;

namespace JobHome.Grains.Matching;

/// <summary>Occupation codes of match records, parsed the way the grains validated them.</summary>
internal static class MatchCodes
{
    /// <summary>Every code that parses, in order.</summary>
    public static OccupationCode[] Parse(string[] codes)
    {
        var list = new List<OccupationCode>(codes.Length);
        foreach (var text in codes)
        {
            if (OccupationCode.TryParse(text, out var code, out _))
            {
                list.Add(code);
            }
        }
        return [.. list];
    }

    /// <summary>One code; a code that does not parse becomes the empty code (shares no level with anything).</summary>
    public static OccupationCode ParseOne(string text) => OccupationCode.TryParse(text, out var code, out _) ? code : default;
}
