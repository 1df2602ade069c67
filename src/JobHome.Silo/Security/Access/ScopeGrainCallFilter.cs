using JobHome.Domain.People;
using JobHome.Grains;
using JobHome.Grains.People;
using Orleans.Serialization.Invocation;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// The grains' entry-point check: a call from the API carries the caller's scope (a site code) in the Orleans request
/// context; reads of people and households outside it answer null (unknown), registrations into a site outside it are
/// refused as not found, and a duplicate-ID conflict names the existing seeker only when that seeker is inside it. The
/// scope is taken out of the context before the grain runs, so only the API's direct call is checked, not the calls
/// grains make among themselves. The account and role go with it; an unscoped call that still carries them (a caller
/// of an earlier version) has them taken out too, so no grain's own calls inherit them: Orleans copies a non-empty
/// request context into every message of the call chain, and into every stream event it publishes.
/// </summary>
internal sealed class ScopeGrainCallFilter(SiteScope scope, IServiceProvider services) : IIncomingGrainCallFilter
{
    /// <summary>Request-context key of the caller's scope root (absent: unscoped — admin, or not a request of the API).</summary>
    public const string ScopeKey = "jobhome.scope";

    /// <summary>Request-context key of the caller's account name.</summary>
    public const string UserKey = "jobhome.user";

    /// <summary>Request-context key of the caller's role.</summary>
    public const string RoleKey = "jobhome.role";

    private const string IdRule = "real-name registration (实名制): one registration per ID-card number across the network";

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Orleans.Runtime.RequestContext.Get(ScopeKey) is string root)
        {
            return InvokeScopedAsync(context, root);
        }
        // Unscoped (admin, grain-to-grain, timers): the call itself, without a state machine of this filter.
        if (Orleans.Runtime.RequestContext.Get(UserKey) is not null || Orleans.Runtime.RequestContext.Get(RoleKey) is not null)
        {
            Orleans.Runtime.RequestContext.Remove(UserKey);
            Orleans.Runtime.RequestContext.Remove(RoleKey);
        }
        return context.Invoke();
    }

    private async Task InvokeScopedAsync(IIncomingGrainCallContext context, string root)
    {
        var caller = new Caller(Orleans.Runtime.RequestContext.Get(UserKey) as string ?? "(unknown)",
            Orleans.Runtime.RequestContext.Get(RoleKey) as string ?? "(unknown)", root);
        Orleans.Runtime.RequestContext.Remove(ScopeKey);
        Orleans.Runtime.RequestContext.Remove(UserKey);
        Orleans.Runtime.RequestContext.Remove(RoleKey);

        var request = context.Request;
        var method = context.MethodName;
        var registers = method is nameof(ISeekerGrain.RegisterAsync) or nameof(ISeekerGrain.RegisterAndGetAsync)
            && request.GetArgumentCount() == 1;
        var siteArgument = registers ? request.GetArgument(0) switch
        {
            SeekerRegistration seeker => seeker.SiteCode,
            HouseholdRegistration household => household.SiteCode,
            _ => null,
        } : null;
        if (siteArgument is not null && await scope.ContainsAsync(root, siteArgument) == false)
        {
            context.Result = CommandResult.NotFound("site_code", siteArgument, "site code (网点编码)");
            return;
        }

        await context.Invoke();

        // The registration that answers with the view (POST /api/seekers) gets the same conflict rule as RegisterAsync.
        if (context.Result is CommandAnswer<SeekerView> answer)
        {
            var result = await ScopedConflictAsync(root, caller, registers, request, answer.Result);
            if (!ReferenceEquals(result, answer.Result))
            {
                context.Result = new CommandAnswer<SeekerView>(result, null);
            }
            return;
        }

        switch (context.Result)
        {
            case SeekerView view when !await InsideAsync(root, view.SiteCode):
            case HouseholdView household when !await InsideAsync(root, household.SiteCode):
            case SeekerPersonalData data when !await InsideAsync(root, data.SiteCode):
                context.Result = null;
                break;
            case CommandResult result:
                context.Result = await ScopedConflictAsync(root, caller, registers, request, result);
                break;
        }
    }

    // A duplicate-ID conflict names the existing seeker only inside the caller's scope; outside it says "elsewhere".
    private async Task<CommandResult> ScopedConflictAsync(string root, Caller caller, bool registers, IInvokable request,
        CommandResult result)
    {
        if (result is { Outcome: CommandOutcome.Conflict, Id: { } existing }
            && registers && request.GetArgument(0) is SeekerRegistration registration
            && existing.StartsWith(RecordIds.Seeker, StringComparison.Ordinal)
            && !await SeekerInsideAsync(root, existing))
        {
            await AuditElsewhereAsync(caller, registration.SiteCode);
            return CommandResult.Conflict(null, "id_card", Masking.IdCard(registration.IdNumber),
                "is already registered (已登记) elsewhere, outside your scope (在您管辖范围之外)", IdRule);
        }
        return result;
    }

    private async Task<bool> InsideAsync(string root, string siteCode) => await scope.ContainsAsync(root, siteCode) == true;

    private async Task<bool> SeekerInsideAsync(string root, string seekerId)
    {
        var view = await services.GetRequiredService<IGrainFactory>().GetGrain<ISeekerGrain>(seekerId).GetAsync();
        return view is not null && await InsideAsync(root, view.SiteCode);
    }

    private async Task AuditElsewhereAsync(Caller caller, string siteCode)
    {
        var writer = services.GetRequiredService<Audit.AuditWriter>();
        try
        {
            await writer.AppendAsync(caller, "grain", "duplicate-id-elsewhere (重复登记)",
                string.Empty, siteCode, "ID number already registered outside the caller's scope", StatusCodes.Status409Conflict,
                CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetRequiredService<ILogger<ScopeGrainCallFilter>>().LogWarning("Could not audit a duplicate registration ({Error})",
                e.GetType().Name);
        }
    }
}
