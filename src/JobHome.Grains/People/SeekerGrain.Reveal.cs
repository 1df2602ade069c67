namespace JobHome.Grains.People;

/// <summary>The seeker grain's reveal entry point (kept apart so the one unmasked read is easy to find and review).</summary>
public sealed partial class SeekerGrain : ISeekerPersonalDataGrain
{
    /// <inheritdoc />
    public Task<SeekerPersonalData?> RevealAsync()
    {
        var registration = state.State.Registration;
        return Task.FromResult(registration is null
            ? null
            : new SeekerPersonalData(this.GetPrimaryKeyString(), registration.SiteCode, registration.IdNumber, registration.Phone));
    }
}
