using Orleans.Concurrency;

namespace JobHome.Silo.Security.Accounts;

/// <summary>One account, keyed by its user name in lower case; one activation, so creation and lockout are atomic.</summary>
[Alias("jobhome.IUserAccountGrain")]
public interface IUserAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account unless it exists; true when this call created it (idempotent start-up uses this).</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(NewAccount account);

    /// <summary>The account, or null when it does not exist.</summary>
    [ReadOnly, Alias("Get")]
    Task<UserAccountView?> GetAsync();

    /// <summary>Checks the password, counting failures and locking the account after too many.</summary>
    [Alias("SignIn")]
    Task<SignInResult> SignInAsync(string password);

    /// <summary>Changes the password when <paramref name="current"/> is right; false otherwise (counts as a failure).</summary>
    [Alias("ChangePassword")]
    Task<bool> ChangePasswordAsync(string current, string next);

    /// <summary>Sets a new password (admin reset), unlocks and enables the account; false when it does not exist.</summary>
    [Alias("ResetPassword")]
    Task<bool> ResetPasswordAsync(string next);

    /// <summary>Disables the account (its tokens stop working); false when it does not exist.</summary>
    [Alias("Disable")]
    Task<bool> DisableAsync();

    /// <summary>
    /// True when a token with <paramref name="stamp"/> and id <paramref name="tokenId"/> still signs this account in: the
    /// account exists, is enabled, its stamp is unchanged and the token was not signed out.
    /// </summary>
    [ReadOnly, Alias("Accepts")]
    Task<bool> AcceptsAsync(string stamp, string tokenId);

    /// <summary>Signs out one token (by its id) until <paramref name="expires"/>; false when the account does not exist.</summary>
    [Alias("RevokeToken")]
    Task<bool> RevokeTokenAsync(string tokenId, DateTimeOffset expires);
}
