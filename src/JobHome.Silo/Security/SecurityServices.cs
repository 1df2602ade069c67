using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using JobHome.Silo.Api.Auth;
using JobHome.Silo.Security.Access;
using JobHome.Silo.Security.Accounts;
using JobHome.Silo.Security.Audit;
using JobHome.Silo.Security.Tokens;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Security;

/// <summary>Registers and wires sign-in, access rules, audit, rate limits and CORS.</summary>
internal static class SecurityServices
{
    /// <summary>The OpenID Connect scheme (only when configured).</summary>
    public const string OidcScheme = "oidc";

    /// <summary>The scheme OpenID Connect hands its result to before the silo issues its own session.</summary>
    public const string ExternalScheme = "jobhome.external";

    private const string CorsPolicy = "jobhome-cors";

    /// <summary>Adds the security services; <paramref name="storage"/> says where the audit log lives.</summary>
    public static void AddJobHomeSecurity(this IServiceCollection services, IConfiguration configuration, JobHomeStorageOptions storage)
    {
        var settings = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<UserAccountState>, PasswordHasher<UserAccountState>>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenAcceptanceCache>();
        services.AddSingleton<SiteScope>();
        services.AddSingleton<PlacementSeekers>();
        services.AddSingleton<TargetResolver>();
        services.AddSingleton<AuditWriter>();
        if (storage.Kind == StorageKind.Embedded)
        {
            // Appends join the embedded store's writer (group commit); the store is registered by the silo's storage.
            services.AddSingleton<IAuditLog>(sp => new SqliteAuditLog(sp.GetRequiredService<SqliteWrites>()));
        }
        else
        {
            services.AddSingleton<IAuditLog>(new PostgresAuditLog(storage.ConnectionString!));
        }
        services.AddSingleton<IIncomingGrainCallFilter, ScopeGrainCallFilter>();
        services.AddHostedService<SigningKeyRefresher>();
        services.AddHostedService<AdminBootstrap>();

        // A client sends the same token on every request: its validation is remembered (by hash) within the period the
        // account check already allows (TokenCheckCacheDuration), never past the token's expiry.
        services.AddSingleton(sp => new ValidatedTokenCache(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value.TokenCheckCacheDuration, sp.GetRequiredService<TimeProvider>()));
        var authentication = services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<BearerAuthenticationOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddOptions<BearerAuthenticationOptions>(BearerAuthenticationHandler.SchemeName)
            .Configure<SigningKeyRing, IOptions<SecurityOptions>>((bearer, ring, security) =>
                bearer.TokenValidationParameters = ValidationParameters(ring, security.Value));
        if (settings.Oidc.Enabled)
        {
            authentication.AddCookie(ExternalScheme).AddOpenIdConnect(OidcScheme, oidc => OidcSignIn.Configure(oidc, settings.Oidc));
        }
        services.AddAuthorization();
        services.AddRateLimiter(limiter => ConfigureRateLimits(limiter, settings));
        if (settings.CorsOrigins.Length > 0)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(settings.CorsOrigins)
                .AllowAnyHeader().AllowAnyMethod().AllowCredentials()));
        }
    }

    /// <summary>Adds the middleware: CORS (when configured), authentication, rate limits, the access rules, authorization.</summary>
    public static void UseJobHomeSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.CorsOrigins.Length > 0)
        {
            app.UseCors(CorsPolicy);
        }
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<ApiAccessMiddleware>();
        app.UseAuthorization();
    }

    // What a token must meet (the cookie, the account check and the revocation are the handler's).
    private static TokenValidationParameters ValidationParameters(SigningKeyRing ring, SecurityOptions security) => new()
    {
        ValidIssuer = security.Issuer,
        ValidAudience = security.Audience,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeyResolver = (_, _, _, _) => ring.ValidationKeys,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = Caller.RoleClaim,
    };

    private static void ConfigureRateLimits(RateLimiterOptions limiter, SecurityOptions settings)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, _) => new ValueTask(Problems.TooMany(context.HttpContext));
        // Keyed by what the request already holds (the account name, the connection's address object), not by a string
        // made per request: each limiter of the chain has its own partitions, so the keys need no prefix. The empty name
        // (no account has it) and the null address stand for the partitions without a limit.
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Caller.NameOf(context.User) is { } name
                ? RateLimitPartition.GetFixedWindowLimiter(name, _ => PerMinute(settings.PermitsPerAccountPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty)),
            PartitionedRateLimiter.Create<HttpContext, AddressKey>(context => context.Request.Path.StartsWithSegments("/health")
                ? RateLimitPartition.GetNoLimiter(default(AddressKey)) // probes are never throttled
                : RateLimitPartition.GetFixedWindowLimiter(new AddressKey(context.Connection.RemoteIpAddress ?? IPAddress.None),
                    _ => PerMinute(settings.PermitsPerAddressPerMinute))));
        limiter.AddPolicy(AuthEndpoints.SignInPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(AddressOf(context), _ => PerMinute(settings.SignInsPerAddressPerMinute)));
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static string AddressOf(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    // A client address as a rate limit partition's key (equal by value); default: the probes' partition.
    private readonly record struct AddressKey(IPAddress? Address);
}
