using System.Collections.Concurrent;
using JobHome.Silo.Security.Accounts;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Security.Tokens;

/// <summary>
/// The per-silo answer to "does this token still sign its account in": the account grain's <c>AcceptsAsync</c>, remembered
/// for <see cref="SecurityOptions.TokenCheckCacheDuration"/> so that a request does not make a grain call each time.
/// A change made through this silo (<see cref="ChangingAsync{T}"/>) forgets the account's answers at once; a change made
/// on another silo is seen here once the remembered answer expires. Only acceptances are remembered: a refused token
/// asks the grain again on its next request.
/// </summary>
public sealed class TokenAcceptanceCache(IGrainFactory grains, IOptions<SecurityOptions> options, TimeProvider time)
{
    /// <summary>Most remembered tokens; past this, answers are not remembered until expired ones are swept.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<Key, long> _acceptedUntil = new();
    private readonly Lock _gate = new();

    // Bumped by every change through this silo: an answer fetched while a change ran may predate it and is not kept.
    private long _generation;
    private long _nextSweep;

    /// <summary>Tokens remembered as accepted right now (expired ones included until swept).</summary>
    public int Count => _acceptedUntil.Count;

    /// <summary>
    /// True when the token with <paramref name="stamp"/> and <paramref name="tokenId"/> still signs
    /// <paramref name="account"/> in, from memory when this silo asked the account grain less than the cache duration ago.
    /// </summary>
    public async ValueTask<bool> AcceptsAsync(string account, string stamp, string tokenId)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(tokenId);
        var duration = options.Value.TokenCheckCacheDuration;
        var key = new Key(account, stamp, tokenId);
        if (duration > TimeSpan.Zero && _acceptedUntil.TryGetValue(key, out var until) && time.GetTimestamp() < until)
        {
            return true;
        }
        var generation = Volatile.Read(ref _generation);
        var accepted = await grains.GetGrain<IUserAccountGrain>(account).AcceptsAsync(stamp, tokenId);
        if (accepted && duration > TimeSpan.Zero)
        {
            Remember(key, generation, duration);
        }
        return accepted;
    }

    /// <summary>
    /// Runs <paramref name="change"/> (a call that may revoke the account's tokens: sign-out, password change, reset,
    /// disable) and then forgets every remembered answer for <paramref name="account"/>, even when the call fails.
    /// </summary>
    public async Task<T> ChangingAsync<T>(string account, Func<Task<T>> change)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await change();
        }
        finally
        {
            Forget(account);
        }
    }

    /// <summary>Forgets every remembered answer for <paramref name="account"/>.</summary>
    public void Forget(string account)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var key in _acceptedUntil.Keys)
            {
                if (string.Equals(key.Account, account, StringComparison.OrdinalIgnoreCase))
                {
                    _acceptedUntil.TryRemove(key, out _);
                }
            }
        }
    }

    private void Remember(Key key, long generation, TimeSpan duration)
    {
        var now = time.GetTimestamp();
        var until = now + (long)(duration.TotalSeconds * time.TimestampFrequency);
        lock (_gate)
        {
            if (_generation != generation)
            {
                return;
            }
            if (now >= _nextSweep)
            {
                foreach (var entry in _acceptedUntil)
                {
                    if (entry.Value <= now)
                    {
                        _acceptedUntil.TryRemove(entry.Key, out _);
                    }
                }
                _nextSweep = until;
            }
            if (_acceptedUntil.Count < MaxEntries || _acceptedUntil.ContainsKey(key))
            {
                _acceptedUntil[key] = until;
            }
        }
    }

    private readonly record struct Key(string Account, string Stamp, string TokenId);
}
