using JobHome.Domain.Sites;
using JobHome.Domain.Validation;
using JobHome.Grains.Catalog;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Sites;

/// <summary>
/// A site. Registration validates through the Domain, checks the parent exists and may hold this kind, writes the site
/// and then tells the parent; a retry after a failure in between repeats the (idempotent) parent step. Then it writes its
/// entry in the site catalogue (every registration path does, so search needs no tree walk); a site stored before the
/// catalogue existed, or whose catalogue write failed, writes it on its next activation.
/// </summary>
public sealed partial class SiteGrain(
    [PersistentState("site", StorageNames.Default)] IPersistentState<SiteState> state,
    ILogger<SiteGrain> logger) : Grain, ISiteGrain
{
    private const string TreeRule = "tier tree (层级): a site hangs under a registered site of an allowed kind";

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Profile is { } profile && !state.State.Catalogued)
        {
            await CatalogueAsync(profile);
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CommandResult> RegisterAsync(SiteProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var code = this.GetPrimaryKeyString();
        var validation = profile.ToDomain().Validate();
        validation.AddIf(!string.Equals(profile.Code, code, StringComparison.Ordinal), "code", profile.Code ?? string.Empty,
            "differs from the site addressed", "site code (网点编码)");
        if (state.State.Profile is { } existing)
        {
            validation.AddIf(existing.Kind != profile.Kind, "kind", profile.Kind.ToToken(), "cannot change after registration",
                "site kind (层级或类型)");
            validation.AddIf(!string.Equals(existing.ParentCode, profile.ParentCode, StringComparison.Ordinal), "parent_code",
                profile.ParentCode ?? string.Empty, "cannot change after registration", TreeRule);
        }
        if (validation.IsValid && profile.ParentCode is { } parentCode)
        {
            var parent = await GrainFactory.GetGrain<ISiteGrain>(parentCode).GetAsync();
            if (parent is null)
            {
                return CommandResult.NotFound("parent_code", parentCode, TreeRule);
            }
            validation.AddIf(!profile.Kind.CanBeChildOf(parent.Profile.Kind), "parent_code", parentCode,
                $"a {profile.Kind.ToToken()} site cannot hang under a {parent.Profile.Kind.ToToken()} site", TreeRule);
        }
        if (!validation.IsValid)
        {
            return CommandResult.Invalid(validation);
        }

        state.State.Profile = profile;
        state.State.Catalogued = false;
        await state.WriteStateAsync();
        if (profile.ParentCode is { } parentToTell)
        {
            var added = await GrainFactory.GetGrain<ISiteGrain>(parentToTell).AddChildAsync(code, profile.Kind);
            if (!added.Succeeded)
            {
                return added;
            }
        }
        await CatalogueAsync(profile);
        LogRegistered(logger, code, profile.Kind);
        return CommandResult.Ok(code);
    }

    /// <inheritdoc />
    public Task<SiteView?> GetAsync() =>
        Task.FromResult(state.State.Profile is { } p ? new SiteView(p, [.. state.State.Children]) : null);

    /// <inheritdoc />
    public async Task<CommandResult> AddChildAsync(string childCode, SiteKind childKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(childCode);
        var code = this.GetPrimaryKeyString();
        if (state.State.Profile is not { } profile)
        {
            return CommandResult.NotFound("parent_code", code, TreeRule);
        }
        if (!childKind.CanBeChildOf(profile.Kind))
        {
            return CommandResult.Invalid(new ValidationResult().Add("parent_code", code,
                $"a {childKind.ToToken()} site cannot hang under a {profile.Kind.ToToken()} site", TreeRule));
        }
        var children = state.State.Children;
        var at = children.BinarySearch(childCode, StringComparer.Ordinal);
        if (at < 0)
        {
            children.Insert(~at, childCode);
            await state.WriteStateAsync();
        }
        return CommandResult.Ok(childCode);
    }

    private async Task CatalogueAsync(SiteProfile profile)
    {
        await SiteCatalog.PutAsync(GrainFactory, profile);
        state.State.Catalogued = true;
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteCode} registered as {Kind}")]
    private static partial void LogRegistered(ILogger logger, string siteCode, SiteKind kind);
}
