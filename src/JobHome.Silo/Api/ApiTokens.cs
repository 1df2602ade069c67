using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Work;

namespace JobHome.Silo.Api;

/// <summary>The tokens of docs/formats.md written into responses (the same ones requests use).</summary>
internal static class ApiTokens
{
    /// <summary><c>M</c> or <c>F</c>.</summary>
    public static string Of(Gender gender) => gender == Gender.Female ? "F" : "M";

    /// <summary><c>employed</c>, <c>unemployed</c> or <c>not_in_labour_force</c>.</summary>
    public static string Of(LabourStatus status) => status switch
    {
        LabourStatus.Employed => "employed",
        LabourStatus.Unemployed => "unemployed",
        _ => "not_in_labour_force",
    };

    /// <summary><c>resigned</c>, <c>dismissed</c>, <c>completed</c> or <c>other</c>.</summary>
    public static string Of(PlacementEndReason reason) => reason switch
    {
        PlacementEndReason.Resigned => "resigned",
        PlacementEndReason.Dismissed => "dismissed",
        PlacementEndReason.Completed => "completed",
        _ => "other",
    };

    /// <summary>Kinds of work as a list of tokens.</summary>
    public static string[] Of(WorkKind kinds) => Split(WorkKinds.Format(kinds));

    /// <summary>Key groups as a list of tokens.</summary>
    public static string[] Of(KeyGroups groups) => Split(KeyGroupTokens.Format(groups));

    private static string[] Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
