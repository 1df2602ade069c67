using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobHome.Silo.Health;

/// <summary>Healthy while the silo is active in the cluster.</summary>
internal sealed class SiloActiveHealthCheck(SiloActivityTracker tracker) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(tracker.IsActive
            ? HealthCheckResult.Healthy("the silo is active in the cluster")
            : HealthCheckResult.Unhealthy("the silo is not active in the cluster (starting, stopping or stopped)"));
}
