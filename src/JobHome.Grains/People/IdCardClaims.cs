using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.People;

/// <summary>
/// Claims of free ID-card numbers made straight in the registry's storage row (state <see cref="StateName"/> of
/// <see cref="IdCardRegistryGrain"/>, the default store), without activating the registry grain: the row is inserted
/// only when none exists, atomically, so of concurrent claims exactly one inserts; the others find the row and ask the
/// grain, which decides on the stored claim.
/// </summary>
internal static class IdCardClaims
{
    /// <summary>The registry grain's state name (its <c>[PersistentState]</c>).</summary>
    public const string StateName = "idcard";

    /// <summary>
    /// Inserts the claim of <paramref name="seekerId"/> for the number whose registry grain is <paramref name="registry"/>;
    /// false (nothing written) when the number's row exists already, whoever holds it.
    /// </summary>
    public static async Task<bool> TryInsertAsync(IServiceProvider services, GrainId registry, string seekerId, string masked)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var claim = new GrainState<IdCardRegistryState>(new IdCardRegistryState { OwnerSeekerId = seekerId, Masked = masked });
        try
        {
            await storage.WriteStateAsync(StateName, registry, claim);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
