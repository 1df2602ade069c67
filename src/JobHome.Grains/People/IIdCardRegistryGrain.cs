using Orleans.Concurrency;

namespace JobHome.Grains.People;

/// <summary>
/// One ID-card number's registration across the whole network, keyed by <see cref="IdCardKeys.KeyOf"/> (never the
/// number itself): at most one seeker holds it.
/// </summary>
[Alias("jobhome.IIdCardRegistryGrain")]
public interface IIdCardRegistryGrain : IGrainWithStringKey
{
    /// <summary>Grants the number to <paramref name="seekerId"/> if free or already theirs; else names the holder.</summary>
    [Alias("Claim")]
    Task<IdCardClaim> ClaimAsync(string seekerId, string maskedNumber);

    /// <summary>
    /// Moves the number from <paramref name="fromSeekerId"/> (a claim never completed) to
    /// <paramref name="toSeekerId"/>, only if the former still holds it.
    /// </summary>
    [Alias("Transfer")]
    Task<IdCardClaim> TransferAsync(string fromSeekerId, string toSeekerId);

    /// <summary>The holder, or null when free.</summary>
    [ReadOnly, Alias("GetOwner")]
    Task<string?> GetOwnerAsync();
}
