namespace JobHome.Cli.Http;

/// <summary>
/// A failed call to the JobHome API: the HTTP status (0 when the server could not be reached) and a one-line message
/// built from the problem details (title, then each field error as <c>field "value": problem [rule]</c>).
/// </summary>
internal sealed class ApiException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>HTTP status code, or 0 when no answer came (connection refused, timeout, bad URL).</summary>
    public int Status { get; } = status;
}
