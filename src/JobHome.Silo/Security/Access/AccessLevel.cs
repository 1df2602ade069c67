namespace JobHome.Silo.Security.Access;

/// <summary>What an endpoint requires of the caller (see docs/security.md for the table).</summary>
public enum AccessLevel
{
    /// <summary>Anyone, signed in or not (sign-in itself).</summary>
    Anonymous,

    /// <summary>Any signed-in account; public information (sites, employers, posts, indicators).</summary>
    SignedIn,

    /// <summary>Admin only (accounts, keys).</summary>
    Admin,

    /// <summary>The caller's own account.</summary>
    Self,

    /// <summary>People, households, placements, follow-ups, alerts: read inside the subtree; outside is 404.</summary>
    PersonalRead,

    /// <summary>People, households, placements, follow-ups: change inside the subtree by operators; outside is 404.</summary>
    PersonalWrite,

    /// <summary>Sites, employers, posts: change inside the subtree by operators; outside is 403.</summary>
    PublicWrite,

    /// <summary>Fairs: run by operators and fair organisers inside their subtree.</summary>
    FairRun,

    /// <summary>The audited reveal of a full ID number: site and township operators of the person's subtree.</summary>
    Reveal,

    /// <summary>The audit log: auditor and admin, inside their subtree.</summary>
    AuditRead,
}
