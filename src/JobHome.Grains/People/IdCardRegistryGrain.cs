using JobHome.Storage;
using Orleans.Storage;

namespace JobHome.Grains.People;

/// <summary>Holds one ID-card number's registration; its turn-based execution makes claims race-free.</summary>
public sealed class IdCardRegistryGrain(
    [PersistentState(IdCardClaims.StateName, StorageNames.Default)] IPersistentState<IdCardRegistryState> state)
    : Grain, IIdCardRegistryGrain
{
    /// <inheritdoc />
    public async Task<IdCardClaim> ClaimAsync(string seekerId, string maskedNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(seekerId);
        if (state.State.OwnerSeekerId is { } owner)
        {
            return new IdCardClaim(string.Equals(owner, seekerId, StringComparison.Ordinal), owner);
        }
        state.State.OwnerSeekerId = seekerId;
        state.State.Masked = maskedNumber;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Claimed behind this activation (the bulk import claims straight in storage): decide on the stored claim.
            await state.ReadStateAsync();
            return await ClaimAsync(seekerId, maskedNumber);
        }
        return new IdCardClaim(true, seekerId);
    }

    /// <inheritdoc />
    public async Task<IdCardClaim> TransferAsync(string fromSeekerId, string toSeekerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(toSeekerId);
        var owner = state.State.OwnerSeekerId;
        if (owner is not null && !string.Equals(owner, fromSeekerId, StringComparison.Ordinal))
        {
            return new IdCardClaim(string.Equals(owner, toSeekerId, StringComparison.Ordinal), owner);
        }
        state.State.OwnerSeekerId = toSeekerId;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Claimed behind this activation (the bulk import claims straight in storage): decide on the stored claim.
            await state.ReadStateAsync();
            return await TransferAsync(fromSeekerId, toSeekerId);
        }
        return new IdCardClaim(true, toSeekerId);
    }

    /// <inheritdoc />
    public async Task<string?> GetOwnerAsync()
    {
        if (state.State.OwnerSeekerId is null)
        {
            // A free number may have been claimed behind this activation (the bulk import claims straight in storage).
            await state.ReadStateAsync();
        }
        return state.State.OwnerSeekerId;
    }
}
