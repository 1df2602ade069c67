namespace JobHome.Actors.Tests.Grains;

/// <summary>Persistent state of <see cref="ProfileGrain"/>.</summary>
public sealed class ProfileState
{
    public string Name { get; set; } = string.Empty;

    public int Writes { get; set; }
}
