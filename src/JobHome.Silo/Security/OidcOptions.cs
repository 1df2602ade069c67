namespace JobHome.Silo.Security;

/// <summary>OpenID Connect sign-in (<c>JobHome:Security:Oidc</c>); accounts come from the provider's claims.</summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL; OpenID Connect is off while unset. Default: none.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id registered at the provider. Default: none.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret registered at the provider. Default: none.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Claim holding the JobHome role (province … admin). Default: <c>jobhome_role</c>.</summary>
    public string RoleClaim { get; set; } = "jobhome_role";

    /// <summary>Claim holding the site code the account is bound to. Default: <c>jobhome_site</c>.</summary>
    public string SiteClaim { get; set; } = "jobhome_site";

    /// <summary>Whether the provider's metadata must come over HTTPS. Default: true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True when OpenID Connect is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
