using System.Security.Claims;

namespace JobHome.Silo.Security.Tokens;

/// <summary>
/// The principal of a validated bearer token, shared by the requests that send the same token while its validation is
/// remembered: its one identity and claims cannot be changed (adding or removing an identity or a claim throws), and the
/// <see cref="Security.Caller"/> its claims name is worked out once.
/// </summary>
public sealed class BearerPrincipal : ClaimsPrincipal
{
    /// <summary>A principal with a fixed copy of <paramref name="identity"/> (its claims, authentication, name and role types).</summary>
    public BearerPrincipal(ClaimsIdentity identity)
        : base(new FixedClaimsIdentity(identity ?? throw new ArgumentNullException(nameof(identity))))
    {
        Caller = Caller.FromClaims(this);
    }

    /// <summary>The caller these claims name (null when they lack the account's), as <see cref="Caller.From"/> answers.</summary>
    public Caller? Caller { get; }

    /// <inheritdoc />
    public override void AddIdentity(ClaimsIdentity identity) => throw Fixed();

    /// <inheritdoc />
    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities) => throw Fixed();

    private static InvalidOperationException Fixed() => new("A bearer token's principal is shared by its requests and cannot change.");

    private sealed class FixedClaimsIdentity(ClaimsIdentity source)
        : ClaimsIdentity(source.Claims, source.AuthenticationType, source.NameClaimType, source.RoleClaimType)
    {
        public override void AddClaim(Claim claim) => throw Fixed();

        public override void AddClaims(IEnumerable<Claim?> claims) => throw Fixed();

        public override void RemoveClaim(Claim? claim) => throw Fixed();

        public override bool TryRemoveClaim(Claim? claim) => throw Fixed();
    }
}
