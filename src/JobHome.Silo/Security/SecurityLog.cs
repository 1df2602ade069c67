namespace JobHome.Silo.Security;

/// <summary>The security log messages: account names, roles, site codes and reasons only, never passwords or personal data.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the token signing keys ({Error}); keeping the ones loaded")]
    public static partial void KeyRefreshFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin account '{Username}'")]
    public static partial void AdminCreated(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Information, Message = "The admin account '{Username}' exists (created by this silo: {CreatedHere})")]
    public static partial void AdminExists(ILogger logger, string username, bool createdHere);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for account '{Username}': {Outcome}")]
    public static partial void SignInRefused(ILogger logger, string username, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the admin account yet ({Error}); retrying")]
    public static partial void AdminBootstrapRetry(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write an audit record ({Error})")]
    public static partial void AuditFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path} (field {Field}: {Problem})")]
    public static partial void BodyRefused(ILogger logger, string path, string field, string problem);
}
