namespace JobHome.Actors.Tests.Grains;

/// <summary>Fails its first activation per key.</summary>
public interface IFragileGrain : IGrainWithStringKey
{
    Task<int> GetActivationAttemptAsync();
}
