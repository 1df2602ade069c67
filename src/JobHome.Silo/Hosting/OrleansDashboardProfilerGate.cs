using System.Reflection;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Lets grain calls past the Orleans Dashboard's profiler filter while profiling is off. Orleans 10.4.2's
/// <c>GrainProfilerFilter</c> is an <c>async</c> method that awaits the call even when its profiler is disabled (which it
/// is until someone opens the dashboard, and again a minute after the last dashboard query): every grain call that does
/// not finish synchronously then allocates the filter's state machine and its continuation. This gate asks the
/// dashboard's profiler first and, while it is off, hands the call on without entering the filter; while it is on, the
/// filter profiles as before. The profiler's state is read through its <c>IsEnabled</c> property, found by name on the
/// dashboard's internal <c>IGrainProfiler</c>: a dashboard version without it keeps its filter as registered
/// (<see cref="Gated"/> answers the filter itself).
/// </summary>
internal sealed class OrleansDashboardProfilerGate(IIncomingGrainCallFilter profilerFilter, Func<bool> isProfiling) : IIncomingGrainCallFilter
{
    /// <summary>The dashboard's profiler filter's type.</summary>
    public const string FilterTypeName = "Orleans.Dashboard.Implementation.GrainProfilerFilter";

    private const string ProfilerTypeName = "Orleans.Dashboard.Metrics.IGrainProfiler";

    /// <summary>True while the dashboard's profiler records grain calls.</summary>
    public bool IsProfiling => isProfiling();

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context) => isProfiling() ? profilerFilter.Invoke(context) : context.Invoke();

    /// <summary>
    /// Replaces the dashboard's profiler filter registered in <paramref name="services"/> from index
    /// <paramref name="first"/> on by a gate around it; leaves it alone when the dashboard's types are not as expected.
    /// </summary>
    public static void Gate(IServiceCollection services, int first)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = first; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IIncomingGrainCallFilter) && !descriptor.IsKeyedService
                && descriptor.ImplementationType?.FullName == FilterTypeName)
            {
                var filterType = descriptor.ImplementationType;
                services[i] = ServiceDescriptor.Describe(typeof(IIncomingGrainCallFilter), sp => Gated(sp, filterType),
                    descriptor.Lifetime);
            }
        }
    }

    /// <summary>
    /// A new profiler filter of <paramref name="filterType"/> behind the gate, or the filter alone when its profiler's state
    /// cannot be read.
    /// </summary>
    public static IIncomingGrainCallFilter Gated(IServiceProvider services, Type filterType)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(filterType);
        var filter = (IIncomingGrainCallFilter)ActivatorUtilities.CreateInstance(services, filterType);
        var profilerType = filterType.Assembly.GetType(ProfilerTypeName, throwOnError: false);
        var getter = profilerType?.GetProperty("IsEnabled", BindingFlags.Public | BindingFlags.Instance)?.GetMethod;
        if (getter is null || getter.ReturnType != typeof(bool) || services.GetService(profilerType!) is not { } profiler)
        {
            return filter;
        }
        return new OrleansDashboardProfilerGate(filter, getter.CreateDelegate<Func<bool>>(profiler));
    }
}
