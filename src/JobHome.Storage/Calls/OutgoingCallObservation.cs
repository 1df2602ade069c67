using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainReferences;
using Orleans.Runtime;

namespace JobHome.Storage.Calls;

/// <summary>
/// Registers <see cref="IOutgoingCallObserver"/>s: Orleans' grain reference runtime (<see cref="IGrainReferenceRuntime"/>)
/// is put behind <see cref="ObservedGrainReferenceRuntime"/> once, whichever comes first, this registration or Orleans'
/// defaults (which only add theirs when none is registered).
/// </summary>
public static class OutgoingCallObservation
{
    // Orleans' runtime is internal to Orleans.Core: the type its defaults register, found by name when they have not run yet.
    private const string OrleansRuntimeType = "Orleans.Runtime.GrainReferenceRuntime";

    /// <summary>
    /// Puts the service <typeparamref name="T"/> (registered by the caller, a singleton) in front of every grain call the
    /// silo makes, once however often this is called, and puts Orleans' grain reference runtime behind the observers if
    /// that was not done yet.
    /// </summary>
    /// <exception cref="InvalidOperationException">This Orleans build has no grain reference runtime of the expected type.</exception>
    public static IServiceCollection AddOutgoingCallObserver<T>(this IServiceCollection services)
        where T : class, IOutgoingCallObserver
    {
        ArgumentNullException.ThrowIfNull(services);
        var marker = services.FirstOrDefault(static d => d.ServiceType == typeof(Marker))?.ImplementationInstance as Marker;
        if (marker is null)
        {
            marker = new Marker();
            InstallRuntime(services);
            services.AddSingleton(marker);
        }

        if (marker.Observers.Add(typeof(T)))
        {
            services.AddSingleton<IOutgoingCallObserver>(static sp => sp.GetRequiredService<T>());
        }

        return services;
    }

    // Replaces Orleans' registration of its runtime (or pre-empts it) by the observed runtime around a new instance of it.
    private static void InstallRuntime(IServiceCollection services)
    {
        var orleans = services.LastOrDefault(static d => d.ServiceType == typeof(IGrainReferenceRuntime));
        if (orleans is not null && orleans.ImplementationType is null)
        {
            throw new InvalidOperationException(
                "The grain reference runtime is registered by a factory or an instance, not by its type: the outgoing call "
                + "observers cannot be put in front of it.");
        }

        var type = orleans?.ImplementationType
            ?? typeof(GrainReferenceActivator).Assembly.GetType(OrleansRuntimeType)
            ?? throw new InvalidOperationException(
                $"Orleans' grain reference runtime ({OrleansRuntimeType}) was not found: the outgoing call observers cannot be installed.");
        if (orleans is not null)
        {
            services.Remove(orleans);
        }

        services.AddSingleton<IGrainReferenceRuntime>(sp => new ObservedGrainReferenceRuntime(
            (IGrainReferenceRuntime)ActivatorUtilities.CreateInstance(sp, type),
            sp.GetServices<IOutgoingCallObserver>().ToArray()));
    }

    // Present once Orleans' runtime was put behind the observers; the observer types registered so far.
    private sealed class Marker
    {
        public HashSet<Type> Observers { get; } = [];
    }
}
