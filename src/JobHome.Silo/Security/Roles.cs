namespace JobHome.Silo.Security;

/// <summary>The account roles and what each may do in general (the site scope narrows it further).</summary>
public static class Roles
{
    /// <summary>Provincial bureau operator.</summary>
    public const string Province = "province";

    /// <summary>City bureau operator.</summary>
    public const string City = "city";

    /// <summary>County bureau operator.</summary>
    public const string County = "county";

    /// <summary>Township (street) operator.</summary>
    public const string Township = "township";

    /// <summary>Operator of a community, village, park or school employment home.</summary>
    public const string Site = "site";

    /// <summary>Runs fairs for a subtree; reads no personal details beyond masked ones.</summary>
    public const string FairOrganiser = "fair_organiser";

    /// <summary>Reads the audit log (and records) of a subtree; changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Accounts and sites, whole network.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, in the order of the docs.</summary>
    public static readonly IReadOnlyList<string> All = [Province, City, County, Township, Site, FairOrganiser, Auditor, Admin];

    /// <summary>True for a known role name.</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The operators of the tier tree: they read and change records of their subtree.</summary>
    public static bool IsOperator(string role) => role is Province or City or County or Township or Site;

    /// <summary>Who may change records (operators inside their subtree, admin everywhere).</summary>
    public static bool CanWrite(string role) => IsOperator(role) || role == Admin;

    /// <summary>Who may read people, households and placements (masked) of their subtree.</summary>
    public static bool CanReadPersonal(string role) => CanWrite(role) || role == Auditor;

    /// <summary>Who may reveal a full ID number, for a recorded reason.</summary>
    public static bool CanReveal(string role) => role is Site or Township;

    /// <summary>Who may run fairs.</summary>
    public static bool CanRunFairs(string role) => CanWrite(role) || role == FairOrganiser;

    /// <summary>Who may read the audit log.</summary>
    public static bool CanReadAudit(string role) => role is Auditor or Admin;
}
