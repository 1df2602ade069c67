using JobHome.Grains.Bulk;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.People;

/// <summary>
/// Claims of free ID-card numbers made straight in the registry's storage row (state <see cref="StateName"/> of
/// <see cref="IdCardRegistryGrain"/>, the default store), without activating the registry grain: the row is inserted
/// only when none exists, atomically, so of concurrent claims exactly one inserts; the others find the row and ask the
/// grain, which decides on the stored claim. The insert is the bulk import's
/// (<see cref="BulkStateStore.TryInsertAsync{T}(string, GrainId, T)"/>).
/// </summary>
internal static class IdCardClaims
{
    /// <summary>The registry grain's state name (its <c>[PersistentState]</c>).</summary>
    public const string StateName = "idcard";

    /// <summary>
    /// Inserts the claim of <paramref name="seekerId"/> for the number whose registry grain is <paramref name="registry"/>;
    /// false (nothing written) when the number's row exists already, whoever holds it.
    /// </summary>
    public static Task<bool> TryInsertAsync(IServiceProvider services, GrainId registry, string seekerId, string masked) =>
        new BulkStateStore(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default))
            .TryInsertAsync(StateName, registry, new IdCardRegistryState { OwnerSeekerId = seekerId, Masked = masked });
}
