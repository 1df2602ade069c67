namespace JobHome.Actors.Tests.Grains;

/// <summary>Persistent state through [PersistentState]; reports deactivation to the probe.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    Task<ProfileSnapshot> GetAsync();

    Task<Guid> GetInstanceAsync();

    Task DeactivateAsync();
}

/// <summary>What the profile grain reports.</summary>
public sealed record ProfileSnapshot(string Name, int Writes, bool RecordExists, string? Etag);
