namespace JobHome.Silo.Security.Tokens;

/// <summary>One HMAC-SHA256 token signing key; it signs from <see cref="ActiveFrom"/> on and validates as long as it is kept.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.signing-key")]
public sealed record SigningKeyEntry(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Key,
    [property: Id(2)] DateTimeOffset ActiveFrom);
