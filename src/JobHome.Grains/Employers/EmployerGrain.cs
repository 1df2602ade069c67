using JobHome.Domain.Employers;
using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Grains.Sites;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Employers;

/// <summary>An employer; its key is checked as a unified social credit code before anything is stored.</summary>
public sealed partial class EmployerGrain(
    [PersistentState("employer", StorageNames.Default)] IPersistentState<EmployerState> state,
    ILogger<EmployerGrain> logger) : Grain, IEmployerGrain
{
    /// <inheritdoc />
    public async Task<CommandResult> RegisterAsync(EmployerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var key = this.GetPrimaryKeyString();
        var validation = new Domain.Validation.ValidationResult();
        if (!UnifiedSocialCreditCode.TryParse(key, out var code, out var codeError))
        {
            validation.Add(codeError!);
        }
        validation.Merge(new Employer(key, profile.Name, code, profile.SiteCode,
            new GeoPoint(profile.Lat, profile.Lon)) { ContactPhone = profile.ContactPhone }
            .Validate());
        if (codeError is not null)
        {
            // The Domain reports a missing code again; one error for the field is enough.
            var errors = validation.Errors.Where(e => e.Field != "credit_code" || ReferenceEquals(e, codeError)).ToList();
            validation = new Domain.Validation.ValidationResult();
            errors.ForEach(e => validation.Add(e));
        }
        if (validation.IsValid && await GrainFactory.GetGrain<ISiteGrain>(profile.SiteCode).GetAsync() is null)
        {
            return CommandResult.NotFound("site_code", profile.SiteCode, "registering site (登记网点)");
        }
        if (!validation.IsValid)
        {
            return CommandResult.Invalid(validation);
        }
        state.State.Profile = profile;
        await state.WriteStateAsync();
        LogRegistered(logger, key, profile.SiteCode);
        return CommandResult.Ok(key);
    }

    /// <inheritdoc />
    public Task<EmployerView?> GetAsync() => Task.FromResult(state.State.Profile is { } p
        ? new EmployerView(this.GetPrimaryKeyString(), p.Name, p.SiteCode, p.Lat, p.Lon, Masking.Phone(p.ContactPhone),
            [.. state.State.PostIds])
        : null);

    /// <inheritdoc />
    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    /// <inheritdoc />
    public async Task<CommandResult> AddPostAsync(string postId)
    {
        ArgumentException.ThrowIfNullOrEmpty(postId);
        if (state.State.Profile is null)
        {
            return CommandResult.NotFound("employer_code", this.GetPrimaryKeyString(), "employer (用人单位)");
        }
        var posts = state.State.PostIds;
        var at = posts.BinarySearch(postId, StringComparer.Ordinal);
        if (at < 0)
        {
            posts.Insert(~at, postId);
            await state.WriteStateAsync();
        }
        return CommandResult.Ok(postId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Employer {CreditCode} registered at site {SiteCode}")]
    private static partial void LogRegistered(ILogger logger, string creditCode, string siteCode);
}
