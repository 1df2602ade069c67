using System.Security.Cryptography;
using JobHome.Silo.Security.Accounts;

namespace JobHome.Silo.Security;

/// <summary>
/// Creates the <c>admin</c> account once the silo serves, on every start: the account grain creates it only when it does
/// not exist (one activation in the cluster, so three silos starting together create it once). The password is
/// <c>JobHome:AdminPassword</c>, or generated and printed to stdout once, by the silo that created the account.
/// </summary>
internal sealed class AdminBootstrap(
    IGrainFactory grains,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<AdminBootstrap> logger) : BackgroundService
{
    /// <summary>The first account's name.</summary>
    public const string AdminName = "admin";

    /// <summary>The configuration key of the first admin password.</summary>
    public const string PasswordKey = "JobHome:AdminPassword";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAdminAsync();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SecurityLog.AdminBootstrapRetry(logger, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task EnsureAdminAsync()
    {
        var configured = configuration[PasswordKey];
        var password = string.IsNullOrEmpty(configured)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y')
            : configured;
        var created = await grains.GetGrain<IUserAccountGrain>(AdminName)
            .CreateAsync(new NewAccount(AdminName, password, Roles.Admin, null));
        if (created)
        {
            SecurityLog.AdminCreated(logger, AdminName);
            if (string.IsNullOrEmpty(configured))
            {
                // Printed once, on stdout only (not the log), before anything else can fail: a retry of this method finds
                // the account and never prints it again.
                Console.Out.WriteLine($"JobHome created the account '{AdminName}' with the password {password} — sign in and "
                    + "change it (POST /api/users/me/password); it is not shown again. Set JobHome:AdminPassword to choose it on a "
                    + "first start.");
                Console.Out.Flush();
            }
        }
        await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).PutAsync(new UserEntry(AdminName, Roles.Admin, null));
        SecurityLog.AdminExists(logger, AdminName, created);
    }
}
