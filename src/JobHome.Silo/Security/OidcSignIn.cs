using JobHome.Silo.Security.Tokens;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Security;

/// <summary>
/// OpenID Connect sign-in: the provider authenticates, its token's claims name the role and site, and the silo then
/// issues its own session cookie exactly as after a password sign-in (the rest of the silo sees no difference).
/// </summary>
internal static class OidcSignIn
{
    /// <summary>Stamp prefix of sessions that came from the provider (no local account to check).</summary>
    public const string StampPrefix = "oidc:";

    /// <summary>Configures the handler from <paramref name="settings"/>.</summary>
    public static void Configure(OpenIdConnectOptions oidc, OidcOptions settings)
    {
        oidc.Authority = settings.Authority;
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        oidc.SignInScheme = SecurityServices.ExternalScheme;
        oidc.MapInboundClaims = false;
        oidc.CallbackPath = "/api/auth/oidc/callback";
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        oidc.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var name = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("sub")?.Value;
                var role = principal.FindFirst(settings.RoleClaim)?.Value;
                var site = principal.FindFirst(settings.SiteClaim)?.Value;
                if (name is null || !Roles.IsKnown(role) || (role != Roles.Admin && string.IsNullOrEmpty(site)))
                {
                    context.Fail($"The provider's token lacks the claims {settings.RoleClaim} (a JobHome role) and {settings.SiteClaim}.");
                    return Task.CompletedTask;
                }
                var services = context.HttpContext.RequestServices;
                var issuer = services.GetRequiredService<TokenIssuer>();
                var lifetime = services.GetRequiredService<IOptions<SecurityOptions>>().Value.TokenLifetime;
                var xsrf = SessionCookies.NewXsrf();
                var (token, _) = issuer.Issue(new Caller(name, role!, role == Roles.Admin ? null : site), StampPrefix + name, xsrf);
                SessionCookies.Write(context.HttpContext, token, xsrf, lifetime);
                context.HandleResponse();
                context.Response.Redirect("/");
                return Task.CompletedTask;
            },
        };
    }
}
