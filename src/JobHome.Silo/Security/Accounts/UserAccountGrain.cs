using System.Security.Cryptography;
using JobHome.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Security.Accounts;

/// <summary>An account: Identity's password hasher, failure counting and lockout, a stamp that revokes old tokens.</summary>
public sealed class UserAccountGrain(
    [PersistentState("user-account", StorageNames.Default)] IPersistentState<UserAccountState> state,
    IPasswordHasher<UserAccountState> hasher,
    IOptions<SecurityOptions> options,
    TimeProvider time) : Grain, IUserAccountGrain
{
    /// <summary>The clock skew token validation allows: a signed-out token is remembered that much past its expiry.</summary>
    private static readonly TimeSpan TokenExpirySkew = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<bool> CreateAsync(NewAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (state.State.Username is not null)
        {
            return false;
        }
        state.State.Username = account.Username;
        state.State.Role = account.Role;
        state.State.SiteCode = account.SiteCode;
        state.State.CreatedAt = time.GetUtcNow();
        state.State.PasswordHash = hasher.HashPassword(state.State, account.Password);
        state.State.Stamp = NewStamp();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation (a duplicate while the cluster's directory settles) stored the account first: that one
            // created it. Read it back; without it, fail so that the caller retries.
            await state.ReadStateAsync();
            if (state.State.Username is null)
            {
                throw;
            }
            return false;
        }
        return true;
    }

    /// <inheritdoc />
    public Task<UserAccountView?> GetAsync() => Task.FromResult(View());

    /// <inheritdoc />
    public async Task<SignInResult> SignInAsync(string password)
    {
        var s = state.State;
        if (s.Username is null || s.PasswordHash is null)
        {
            // Hash anyway so an unknown name takes as long as a wrong password.
            hasher.HashPassword(s, password ?? string.Empty);
            return new SignInResult(SignInOutcome.Failed, null);
        }
        if (s.Disabled)
        {
            return new SignInResult(SignInOutcome.Disabled, null);
        }
        var now = time.GetUtcNow();
        if (s.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null);
        }
        var verdict = hasher.VerifyHashedPassword(s, s.PasswordHash, password ?? string.Empty);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(now);
            return new SignInResult(s.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            s.PasswordHash = hasher.HashPassword(s, password!);
        }
        if (s.FailedSignIns != 0 || s.LockedUntil is not null || verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            s.FailedSignIns = 0;
            s.LockedUntil = null;
            await state.WriteStateAsync();
        }
        return new SignInResult(SignInOutcome.Succeeded, View());
    }

    /// <inheritdoc />
    public async Task<bool> ChangePasswordAsync(string current, string next)
    {
        var s = state.State;
        if (s.Username is null || s.PasswordHash is null || s.Disabled)
        {
            return false;
        }
        if (hasher.VerifyHashedPassword(s, s.PasswordHash, current ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(time.GetUtcNow());
            return false;
        }
        s.PasswordHash = hasher.HashPassword(s, next);
        s.Stamp = NewStamp();
        s.FailedSignIns = 0;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> ResetPasswordAsync(string next)
    {
        var s = state.State;
        if (s.Username is null)
        {
            return false;
        }
        s.PasswordHash = hasher.HashPassword(s, next);
        s.Stamp = NewStamp();
        s.FailedSignIns = 0;
        s.LockedUntil = null;
        s.Disabled = false;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> DisableAsync()
    {
        var s = state.State;
        if (s.Username is null)
        {
            return false;
        }
        if (!s.Disabled)
        {
            s.Disabled = true;
            s.Stamp = NewStamp();
            await state.WriteStateAsync();
        }
        return true;
    }

    /// <inheritdoc />
    public Task<bool> AcceptsAsync(string stamp, string tokenId)
    {
        var s = state.State;
        return Task.FromResult(s.Username is not null && !s.Disabled && string.Equals(s.Stamp, stamp, StringComparison.Ordinal)
            && !string.IsNullOrEmpty(tokenId) && !s.RevokedTokens.ContainsKey(tokenId));
    }

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string tokenId, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var s = state.State;
        if (s.Username is null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        foreach (var expired in s.RevokedTokens.Where(t => t.Value < now - TokenExpirySkew).Select(t => t.Key).ToList())
        {
            s.RevokedTokens.Remove(expired);
        }
        if (expires + TokenExpirySkew >= now)
        {
            s.RevokedTokens[tokenId] = expires;
        }
        await state.WriteStateAsync();
        return true;
    }

    private async Task CountFailureAsync(DateTimeOffset now)
    {
        var s = state.State;
        s.FailedSignIns++;
        if (s.FailedSignIns >= options.Value.LockoutThreshold)
        {
            s.LockedUntil = now + options.Value.LockoutDuration;
            s.FailedSignIns = 0;
        }
        await state.WriteStateAsync();
    }

    private UserAccountView? View()
    {
        var s = state.State;
        return s.Username is null ? null : new UserAccountView(s.Username, s.Role, s.SiteCode, s.Disabled, s.LockedUntil, s.CreatedAt,
            s.Stamp);
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
