namespace JobHome.Grains.People;

/// <summary>The secret that turns an ID-card number into its registry key.</summary>
public sealed class IdCardKeyOptions
{
    /// <summary>
    /// The HMAC key (keep it out of source control in production: whoever holds it can test guesses against keys).
    /// Default: a development key.
    /// </summary>
    public string Secret { get; set; } = "jobhome-development-id-card-key";
}
