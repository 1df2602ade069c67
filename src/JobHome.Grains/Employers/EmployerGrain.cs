using JobHome.Domain.Employers;
using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Grains.Sharding;
using JobHome.Grains.Sites;
using JobHome.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Grains.Employers;

/// <summary>
/// An employer; its key is checked as a unified social credit code before anything is stored. Its post ids live in
/// <see cref="ShardedMap{TValue}.ShardCount"/> shards read on demand (see <see cref="ShardedMap{TValue}"/>), so a new post
/// reads and writes the shard that holds it, not the whole list (which grows with every post of the employer).
/// </summary>
public sealed partial class EmployerGrain : Grain, IEmployerGrain
{
    private readonly IPersistentState<EmployerState> state;
    private readonly ShardedMap<bool> _posts;
    private readonly ILogger<EmployerGrain> logger;

    /// <summary>Creates the employer; its post ids live in shards named <c>employer-posts-N</c>, read on demand.</summary>
    public EmployerGrain(
        [PersistentState("employer", StorageNames.Default)] IPersistentState<EmployerState> state,
        ILogger<EmployerGrain> logger)
    {
        this.state = state;
        this.logger = logger;
        _posts = ShardedMap<bool>.OnDemand(((IGrainBase)this).GrainContext, "employer-posts", StorageNames.Default);
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A state stored before the shards held its post ids: move them (a move cut short by a crash is done again, the
        // old list is emptied only after every shard is written).
        if (state.State.PostIds.Count > 0)
        {
            await _posts.LoadAllAsync();
            foreach (var postId in state.State.PostIds)
            {
                _posts.TryAdd(postId, true);
            }
            await _posts.WriteAllAsync(cancellationToken);
            state.State.PostIds.Clear();
            await state.WriteStateAsync(cancellationToken);
        }
        await base.OnActivateAsync(cancellationToken);
    }

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
    public async Task<EmployerView?> GetAsync()
    {
        if (state.State.Profile is not { } p)
        {
            return null;
        }
        await _posts.LoadAllAsync();
        return new EmployerView(this.GetPrimaryKeyString(), p.Name, p.SiteCode, p.Lat, p.Lon, Masking.Phone(p.ContactPhone),
            [.. _posts.Keys.Order(StringComparer.Ordinal)]);
    }

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
        await _posts.LoadAsync(postId);
        if (_posts.TryAdd(postId, true))
        {
            await _posts.WriteAsync(postId);
        }
        return CommandResult.Ok(postId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Employer {CreditCode} registered at site {SiteCode}")]
    private static partial void LogRegistered(ILogger logger, string creditCode, string siteCode);
}
