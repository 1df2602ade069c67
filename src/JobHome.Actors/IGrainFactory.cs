namespace JobHome.Actors;

/// <summary>Creates grain references.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of <typeparamref name="TGrainInterface"/> with <paramref name="key"/>; always succeeds and is cheap, the first call activates the grain.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
