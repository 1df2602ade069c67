namespace JobHome.Silo.Security;

/// <summary>Accounts, tokens, request limits and CORS (<c>JobHome:Security</c>); the admin password is
/// <c>JobHome:AdminPassword</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "JobHome:Security";

    /// <summary>Lifetime of bearer tokens and of the dashboard's sign-in cookie. Default: 1 hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Issuer written into and required of tokens. Default: <c>jobhome</c>.</summary>
    public string Issuer { get; set; } = "jobhome";

    /// <summary>Audience written into and required of tokens. Default: <c>jobhome-api</c>.</summary>
    public string Audience { get; set; } = "jobhome-api";

    /// <summary>
    /// Signing keys (base64, at least 32 bytes each): the first signs, all validate (rotation: put the new key first and
    /// keep the old one until its tokens expired). When empty the cluster generates and stores its own keys (shared by
    /// every silo through the database) and rotates them with <c>POST /api/auth/keys/rotate</c>. Default: empty.
    /// </summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>
    /// How long a silo remembers that an account accepted a token before asking its grain again. A sign-out, password
    /// change or disable made through a silo takes effect there at once; on the other silos within this time. Zero asks the
    /// account grain on every request. Default: 5 seconds.
    /// </summary>
    public TimeSpan TokenCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed sign-ins in a row that lock an account. Default: 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account refuses sign-in, even with the right password. Default: 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests a signed-in account may make per minute (all silos count separately). Default: 60,000.</summary>
    public int PermitsPerAccountPerMinute { get; set; } = 60_000;

    /// <summary>Requests one client address may make per minute. Default: 120,000.</summary>
    public int PermitsPerAddressPerMinute { get; set; } = 120_000;

    /// <summary>Sign-in attempts (login and token) one client address may make per minute. Default: 120.</summary>
    public int SignInsPerAddressPerMinute { get; set; } = 120;

    /// <summary>Largest JSON request body in bytes (multipart uploads are bounded by Kestrel's limit). Default: 8 MiB.</summary>
    public long MaxJsonBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest string in a JSON request body, in characters. Default: 10,000.</summary>
    public int MaxStringLength { get; set; } = 10_000;

    /// <summary>Most items in one JSON array of a request body. Default: 100,000.</summary>
    public int MaxArrayLength { get; set; } = 100_000;

    /// <summary>Deepest nesting of a JSON request body. Default: 32.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Origins allowed to call the API from a browser (CORS); empty keeps CORS closed. Default: empty.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>OpenID Connect sign-in through an organisation's identity provider; off while <c>Authority</c> is unset.</summary>
    public OidcOptions Oidc { get; set; } = new();
}
