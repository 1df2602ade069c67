using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Security.Tokens;

/// <summary>
/// The keys this silo signs and validates tokens with: the configured ones, or the cluster's generated ones loaded from
/// <see cref="ISigningKeyGrain"/> and refreshed by <see cref="SigningKeyRefresher"/>.
/// </summary>
public sealed class SigningKeyRing(IOptions<SecurityOptions> options, IGrainFactory grains, TimeProvider time)
{
    private volatile SigningKeyEntry[] _keys = FromConfiguration(options.Value.SigningKeys);

    /// <summary>True when the keys come from configuration (no generated keys, no rotation endpoint).</summary>
    public bool Configured => options.Value.SigningKeys.Length > 0;

    /// <summary>Every key that validates.</summary>
    public IEnumerable<SecurityKey> ValidationKeys => _keys.Select(ToSecurityKey);

    /// <summary>The key that signs now: the newest already active.</summary>
    public SigningCredentials Active
    {
        get
        {
            var now = time.GetUtcNow();
            var keys = _keys;
            var active = keys.Where(k => k.ActiveFrom <= now).MaxBy(k => k.ActiveFrom)
                ?? throw new InvalidOperationException("No token signing key is loaded yet.");
            return new SigningCredentials(ToSecurityKey(active), SecurityAlgorithms.HmacSha256);
        }
    }

    /// <summary>Loads the keys unless some are loaded already (sign-in calls this before it issues a token).</summary>
    public Task EnsureLoadedAsync() => _keys.Length > 0 ? Task.CompletedTask : RefreshAsync();

    /// <summary>Loads the generated keys from the cluster (no-op with configured keys).</summary>
    public async Task RefreshAsync()
    {
        if (!Configured)
        {
            _keys = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).GetKeysAsync();
        }
    }

    /// <summary>Rotates the generated keys; the new one signs after <paramref name="delay"/>.</summary>
    public async Task<SigningKeyEntry[]> RotateAsync(TimeSpan delay)
    {
        _keys = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).RotateAsync(delay);
        return _keys;
    }

    private static SymmetricSecurityKey ToSecurityKey(SigningKeyEntry entry) => new(entry.Key) { KeyId = entry.KeyId };

    private static SigningKeyEntry[] FromConfiguration(string[] keys)
    {
        var entries = new List<SigningKeyEntry>();
        for (var i = 0; i < keys.Length; i++)
        {
            var bytes = Convert.FromBase64String(keys[i]);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException($"{SecurityOptions.SectionName}:SigningKeys:{i} is shorter than 32 bytes.");
            }
            // The first signs: give it the latest activation time.
            entries.Add(new SigningKeyEntry($"cfg{i}", bytes, DateTimeOffset.UnixEpoch.AddDays(keys.Length - i)));
        }
        return [.. entries];
    }
}
