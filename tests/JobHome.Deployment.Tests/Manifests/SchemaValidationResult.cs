namespace JobHome.Deployment.Tests.Manifests;

/// <summary>What k8s/validate/validate.mjs said: its exit code (0 valid, 1 invalid, 2 unusable input) and its output lines.</summary>
public sealed record SchemaValidationResult(int ExitCode, IReadOnlyList<string> Lines, string Errors)
{
    /// <summary>Whether every object matched its schema.</summary>
    public bool IsValid => ExitCode == 0;

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}: {string.Join(Environment.NewLine, Lines)}{Errors}";
}
