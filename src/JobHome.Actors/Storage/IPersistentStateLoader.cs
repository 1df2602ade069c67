namespace JobHome.Actors.Storage;

/// <summary>Lets the runtime read a persistent state on activation without knowing its type.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
