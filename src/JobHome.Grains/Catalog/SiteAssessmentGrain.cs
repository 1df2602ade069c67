using JobHome.Storage;

namespace JobHome.Grains.Catalog;

/// <summary>A site's latest assessment.</summary>
public sealed class SiteAssessmentGrain(
    [PersistentState("assessment", StorageNames.Default)] IPersistentState<SiteAssessmentState> state) : Grain, ISiteAssessmentGrain
{
    /// <inheritdoc />
    public async Task PutAsync(SiteAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        state.State.Assessment = assessment;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<SiteAssessment?> GetAsync() => Task.FromResult(state.State.Assessment);
}
