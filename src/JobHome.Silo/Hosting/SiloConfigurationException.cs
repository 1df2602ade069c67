namespace JobHome.Silo.Hosting;

/// <summary>One or more configuration values are invalid; the message lists each with its key, value and rule.</summary>
internal sealed class SiloConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration: " + string.Join(" ", errors))
{
    /// <summary>One message per invalid value.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
