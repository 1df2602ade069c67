namespace JobHome.Actors.Tests.Grains;

/// <summary>A stateless worker.</summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    Task<Guid> WorkAsync(string barrier);
}
