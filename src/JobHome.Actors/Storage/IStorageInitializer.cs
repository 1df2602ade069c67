namespace JobHome.Actors.Storage;

/// <summary>
/// Implemented by providers that must prepare before the silo takes calls (open, check connectivity, create or migrate
/// their schema). The runtime awaits every registered initializer at start; a failure stops the start with that error.
/// </summary>
public interface IStorageInitializer
{
    /// <summary>Prepares the provider; throws with a clear message when the store is unreachable or unusable.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
