using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace JobHome.Grains;

/// <summary>
/// Grain references by string key without Orleans' lookup per call: <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> resolves
/// the interface's <see cref="GrainInterfaceType"/> on every call (its custom attributes read, its type name formatted
/// and parsed again: ~4 % of the allocations of a change, gc-verbose profile of 30 Nov 2026). This resolves the grain
/// type and the interface type once per factory and interface, then builds the reference from the id.
/// </summary>
public static class GrainReferences
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)>>
        s_types = [];

    private static readonly ConcurrentDictionary<Type, GrainInterfaceType> s_interfaces = new();

    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<(Type Type, string Key), IAddressable>>
        s_kept = [];

    /// <summary>The same reference as <c>grains.GetGrain&lt;T&gt;(key)</c>.</summary>
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var types = s_types.GetOrCreateValue(grains);
        if (types.TryGetValue(typeof(T), out var known))
        {
            return (T)grains.GetGrain(GrainId.Create(known.Grain, key), known.Interface);
        }
        var reference = grains.GetGrain<T>(key);
        Remember(types, typeof(T), reference);
        return reference;
    }

    /// <summary>
    /// The same reference as <see cref="Reference{T}(IGrainFactory, string)"/>, made once per factory and key and kept:
    /// building a reference resolves its proxy and argument copiers through the service provider (~1.5 % of a change's
    /// CPU when the match partitions' references were built per call, profile of 1 Dec 2026). Only for grains with a
    /// small, bounded set of keys called on every change (the match partitions: one per cell of the grid); never for per-record
    /// keys, which would keep a reference per record for the silo's life.
    /// </summary>
    public static T Kept<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(key);
        var kept = s_kept.GetOrCreateValue(grains);
        if (kept.TryGetValue((typeof(T), key), out var known))
        {
            return (T)known;
        }
        var reference = grains.Reference<T>(key);
        return (T)kept.GetOrAdd((typeof(T), key), reference);
    }

    /// <summary>The same reference as <c>grains.GetGrain&lt;T&gt;(key)</c> for an integer key.</summary>
    public static T Reference<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var types = s_types.GetOrCreateValue(grains);
        if (types.TryGetValue(typeof(T), out var known))
        {
            return (T)grains.GetGrain(GrainId.Create(known.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), known.Interface);
        }
        var reference = grains.GetGrain<T>(key);
        Remember(types, typeof(T), reference);
        return reference;
    }

    /// <summary>
    /// The same reference as <c>grain.AsReference&lt;T&gt;()</c> (the grain as another of its interfaces), with the
    /// interface type resolved once per interface.
    /// </summary>
    public static T Reference<T>(this IGrainFactory grains, IAddressable grain) where T : IAddressable
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(grain);
        if (s_interfaces.TryGetValue(typeof(T), out var known))
        {
            return (T)grains.GetGrain(grain.GetGrainId(), known);
        }
        var reference = grain.AsReference<T>();
        if (reference is GrainReference r)
        {
            s_interfaces.TryAdd(typeof(T), r.InterfaceType);
        }
        return reference;
    }

    private static void Remember(ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> types, Type type,
        object reference)
    {
        if (reference is GrainReference r)
        {
            types.TryAdd(type, (r.GrainId.Type, r.InterfaceType));
        }
    }
}
