namespace JobHome.Actors.Timers;

/// <summary>A timer registered by a grain; dispose to stop it. It also stops when the activation goes away.</summary>
public interface IGrainTimer : IDisposable
{
}
