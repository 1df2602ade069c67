using System.Security.Cryptography;
using JobHome.Storage;

namespace JobHome.Silo.Security.Tokens;

/// <summary>Generates, keeps and rotates the signing keys (32 random bytes each, from the OS generator).</summary>
public sealed class SigningKeyGrain(
    [PersistentState("signing-keys", StorageNames.Default)] IPersistentState<SigningKeyState> state,
    TimeProvider time) : Grain, ISigningKeyGrain
{
    /// <summary>Keys kept for validation: the active one and two before it.</summary>
    public const int KeptKeys = 3;

    /// <inheritdoc />
    public async Task<SigningKeyEntry[]> GetKeysAsync()
    {
        if (state.State.Keys.Count == 0)
        {
            state.State.Keys.Add(NewKey(time.GetUtcNow()));
            await state.WriteStateAsync();
        }
        return [.. state.State.Keys];
    }

    /// <inheritdoc />
    public async Task<SigningKeyEntry[]> RotateAsync(TimeSpan delay)
    {
        state.State.Keys.Add(NewKey(time.GetUtcNow() + delay));
        while (state.State.Keys.Count > KeptKeys)
        {
            state.State.Keys.RemoveAt(0);
        }
        await state.WriteStateAsync();
        return [.. state.State.Keys];
    }

    private static SigningKeyEntry NewKey(DateTimeOffset activeFrom) =>
        new(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(), RandomNumberGenerator.GetBytes(32), activeFrom);
}
