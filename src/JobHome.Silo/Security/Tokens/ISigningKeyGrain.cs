using Orleans.Concurrency;

namespace JobHome.Silo.Security.Tokens;

/// <summary>The cluster's generated token signing keys (key <see cref="Key"/>), so that every silo signs and validates alike.</summary>
[Alias("jobhome.ISigningKeyGrain")]
public interface ISigningKeyGrain : IGrainWithStringKey
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "jwt";

    /// <summary>The keys, creating the first one on first use.</summary>
    [Alias("GetKeys")]
    Task<SigningKeyEntry[]> GetKeysAsync();

    /// <summary>
    /// Adds a new key that starts signing after <paramref name="delay"/> (so every silo has loaded it before its first
    /// token arrives) and drops the oldest beyond the kept number; returns the keys.
    /// </summary>
    [Alias("Rotate")]
    Task<SigningKeyEntry[]> RotateAsync(TimeSpan delay);
}
