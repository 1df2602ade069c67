using JobHome.Domain.Validation;
using JobHome.Grains;
using JobHome.Silo.Security;
using JobHome.Silo.Security.Access;
using JobHome.Silo.Security.Accounts;
using JobHome.Silo.Security.Audit;
using JobHome.Silo.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Api.Auth;

/// <summary><c>/api/auth</c>: sign-in by cookie (dashboard) or bearer token (clients), sign-out, who am I, key rotation.</summary>
internal static partial class AuthEndpoints
{
    /// <summary>Rate-limiter policy of the sign-in endpoints (per client address).</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>Maps the endpoints onto <paramref name="api"/>.</summary>
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(SignInPolicy)
            .WithSummary("Signs in for the dashboard: sets the HttpOnly auth cookie and the XSRF-TOKEN cookie.")
            .Produces<SessionResponse>();
        auth.MapPost("/token", TokenAsync).RequireRateLimiting(SignInPolicy)
            .WithSummary("Issues a bearer token for API clients.").Produces<TokenResponse>();
        auth.MapPost("/logout", LogoutAsync)
            .WithSummary("Signs out the token of the request (bearer or cookie) and clears the cookies.")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapGet("/me", Me).WithSummary("The signed-in account.").Produces<SessionResponse>();
        auth.MapPost("/keys/rotate", RotateAsync).WithSummary("Adds a new token signing key (admin); the old ones keep validating.");
        auth.MapGet("/oidc/login", OidcLogin).WithSummary("Signs in through the configured OpenID Connect provider (when configured).");
    }

    private static async Task<IResult> LoginAsync(Credentials body, HttpContext context, IGrainFactory grains, TokenIssuer issuer,
        AuditWriter audit, IOptions<SecurityOptions> options, ILoggerFactory logs)
    {
        var (caller, stamp, failure) = await SignInAsync(body, context, grains, audit, logs);
        if (caller is null)
        {
            return failure!;
        }
        var xsrf = SessionCookies.NewXsrf();
        var (token, _) = issuer.Issue(caller, stamp!, xsrf);
        SessionCookies.Write(context, token, xsrf, options.Value.TokenLifetime);
        return TypedResults.Ok(new SessionResponse(caller.Username, caller.Role, caller.SiteCode));
    }

    private static async Task<IResult> TokenAsync(Credentials body, HttpContext context, IGrainFactory grains, TokenIssuer issuer,
        AuditWriter audit, ILoggerFactory logs)
    {
        var (caller, stamp, failure) = await SignInAsync(body, context, grains, audit, logs);
        if (caller is null)
        {
            return failure!;
        }
        var (token, expiresIn) = issuer.Issue(caller, stamp!, null);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TokenResponse(token, expiresIn));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IGrainFactory grains, TokenAcceptanceCache tokens)
    {
        // The token that signed this request in (bearer or cookie) is signed out for good, not only forgotten by the browser.
        var user = context.User;
        var name = Caller.From(user)?.Username;
        var tokenId = user.FindFirst(TokenIssuer.TokenIdClaim)?.Value;
        var stamp = user.FindFirst(Caller.StampClaim)?.Value;
        if (name is not null && !string.IsNullOrEmpty(tokenId) && stamp is not null
            && !stamp.StartsWith(OidcSignIn.StampPrefix, StringComparison.Ordinal)
            && long.TryParse(user.FindFirst("exp")?.Value, System.Globalization.CultureInfo.InvariantCulture, out var exp))
        {
            await tokens.ChangingAsync(name,
                () => grains.GetGrain<IUserAccountGrain>(name).RevokeTokenAsync(tokenId, DateTimeOffset.FromUnixTimeSeconds(exp)));
        }
        SessionCookies.Clear(context);
        return TypedResults.NoContent();
    }

    private static IResult Me(HttpContext context) =>
        Caller.From(context.User) is { } caller
            ? TypedResults.Ok(new SessionResponse(caller.Username, caller.Role, caller.SiteCode))
            : TypedResults.Unauthorized();

    private static async Task<IResult> RotateAsync(SigningKeyRing ring)
    {
        if (ring.Configured)
        {
            return ApiResults.From(CommandResult.Conflict(null, "signingKeys", string.Empty,
                "come from configuration (JobHome:Security:SigningKeys): rotate them there", "token signing keys (令牌签名密钥)"),
                _ => TypedResults.Ok());
        }
        var keys = await ring.RotateAsync(2 * SigningKeyRefresher.Period);
        return TypedResults.Ok(new { keys = keys.Select(k => new { keyId = k.KeyId, activeFrom = k.ActiveFrom }) });
    }

    private static IResult OidcLogin(IOptions<SecurityOptions> options) =>
        options.Value.Oidc.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [SecurityServices.OidcScheme])
            : ApiResults.NotFound("oidc", "OpenID Connect is not configured (JobHome:Security:Oidc:Authority)");

    private static async Task<(Caller? Caller, string? Stamp, IResult? Failure)> SignInAsync(Credentials body, HttpContext context,
        IGrainFactory grains, AuditWriter audit, ILoggerFactory logs)
    {
        var checks = new FieldChecks();
        checks.Text("username", body.Username, "account name (账号)");
        checks.Text("password", body.Password, "password (密码)");
        if (!checks.IsValid)
        {
            return (null, null, ApiResults.Invalid(checks.Errors));
        }
        if (body.Password!.Length > 256)
        {
            return (null, null, ApiResults.Invalid([new FieldError("password", string.Empty, "is longer than 256 characters",
                "password (密码)")]));
        }
        var name = AccountNames.Normalize(body.Username);
        var result = name is null
            ? new SignInResult(SignInOutcome.Failed, null)
            : await grains.GetGrain<IUserAccountGrain>(name).SignInAsync(body.Password);
        var action = $"POST {context.Request.Path.Value}";
        var logger = logs.CreateLogger("JobHome.Security");
        if (result.Outcome != SignInOutcome.Succeeded || result.Account is not { } account)
        {
            SecurityLog.SignInRefused(logger, name ?? "(not an account name)", result.Outcome.ToString());
            await TryAuditAsync(audit, new Caller(name ?? "(not an account name)", "(none)", null), context, action, 401, logger);
            return (null, null, Unauthorized());
        }
        var caller = new Caller(account.Username.ToLowerInvariant(), account.Role, account.SiteCode);
        await context.RequestServices.GetRequiredService<SigningKeyRing>().EnsureLoadedAsync();
        await TryAuditAsync(audit, caller, context, action, 200, logger);
        return (caller, account.Stamp, null);
    }

    private static async Task TryAuditAsync(AuditWriter audit, Caller caller, HttpContext context, string action, int status,
        ILogger logger)
    {
        try
        {
            await audit.AppendAsync(caller, AuditWriter.Address(context), action, caller.Username, caller.SiteCode, null, status,
                CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sign-in answer does not depend on the audit store; the failure is logged by type only.
            SecurityLog.AuditFailed(logger, e.GetType().Name);
        }
    }

    private static IResult Unauthorized() => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
    {
        Type = Problems.UnauthorizedType,
        Title = "Sign-in refused.",
        Status = StatusCodes.Status401Unauthorized,
        Detail = "username/password: wrong, or the account is locked or disabled [sign-in (登录)]",
    });
}
