namespace JobHome.Actors.Activation;

/// <summary>Address of a silo (endpoint and incarnation); the single silo has one.</summary>
internal readonly record struct SiloAddress(string Endpoint, long Generation)
{
    public static SiloAddress Local { get; } = new("local", 0);
}
