namespace JobHome.Silo.Security.Accounts;

/// <summary>How a sign-in ended.</summary>
public enum SignInOutcome
{
    /// <summary>Password right; the account view is returned.</summary>
    Succeeded,

    /// <summary>No such account or wrong password (the two are answered alike).</summary>
    Failed,

    /// <summary>Too many failures: refused until the lockout ends.</summary>
    LockedOut,

    /// <summary>The account is disabled.</summary>
    Disabled,
}
