namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>A counter kept in the default grain storage.</summary>
[Alias("jobhome.tests.guarantees.tally")]
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="delta"/>, writes the state and returns the new value.</summary>
    Task<int> AddAsync(int delta);

    /// <summary>Returns the value (as read at activation or last written).</summary>
    Task<int> GetAsync();

    /// <summary>Deactivates the grain once this call returns.</summary>
    Task DeactivateAsync();
}
