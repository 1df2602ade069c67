using JobHome.Grains.Employers;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using Orleans.Configuration;

namespace JobHome.Grains.Hosting;

/// <summary>
/// How long the silo keeps idle activations in memory (<c>JobHome:Activations</c>): a short idle age for the record
/// grains a change touches once (<see cref="RecordGrainClasses"/>), Orleans' default for everything else (aggregators,
/// sites, history), and activation shedding when the managed heap passes <see cref="ShedAboveMib"/>. Match partitions are
/// <c>[CollectionAgeLimit(AlwaysActive = true)]</c> and never collected or shed.
/// </summary>
public sealed class ActivationOptions
{
    /// <summary>How often Orleans looks for idle activations (fixed; every idle age must exceed it).</summary>
    public static readonly TimeSpan CollectionQuantum = TimeSpan.FromSeconds(30);

    /// <summary>Shedding deactivates activations until the heap is at most this fraction of <see cref="ShedAboveMib"/>.</summary>
    public const double ShedTargetFraction = 0.85;

    /// <summary>The highest share of the memory the runtime sees that the shedding limit may take (a smaller machine).</summary>
    public const double MaxShareOfMachine = 0.9;

    /// <summary>
    /// The record grains: one per seeker, post, household, placement, employer, ID-card registry shard and site directory.
    /// A load touches most of them once or a few times within seconds (a registration, a placement and its steps), so
    /// keeping them for Orleans' 15 minutes only holds memory; each reloads its state from storage when next called.
    /// </summary>
    public static IReadOnlyList<Type> RecordGrainClasses { get; } =
    [
        typeof(SeekerGrain), typeof(PostGrain), typeof(HouseholdGrain), typeof(PlacementGrain), typeof(EmployerGrain),
        typeof(IdCardRegistryGrain), typeof(SiteDirectoryGrain),
    ];

    /// <summary>
    /// Idle time after which a record grain (<see cref="RecordGrainClasses"/>) is deactivated; it goes within one
    /// <see cref="CollectionQuantum"/> after that. Must exceed the seeker's post-list refresh delay (a pending refresh
    /// timer does not count as use). Default: 1 min (a change's follow-ons — a placement's steps, the stale notices and
    /// refresh of post lists — finish within seconds, and a load seldom touches the same record twice within minutes).
    /// </summary>
    public TimeSpan RecordAge { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Idle time after which any other grain (aggregators, sites, catalogue) is deactivated. Default: 15 min (Orleans').
    /// </summary>
    public TimeSpan DefaultAge { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Managed heap size (GC committed bytes less fragmentation, as Orleans measures it) in MiB above which Orleans sheds
    /// activations, those due for collection soonest first (last use plus their idle age), until the heap is back under
    /// <see cref="ShedTargetFraction"/> of it; 0 turns shedding off. Capped at <see cref="MaxShareOfMachine"/> of the memory the runtime sees. Default: 4,096 (4 GiB:
    /// with about 1 GB of native memory — SQLite's page caches, thread stacks, code — the process stays under the
    /// province's 6 GB).
    /// </summary>
    public int ShedAboveMib { get; init; } = 4096;

    /// <summary>
    /// Writes these settings into Orleans' <paramref name="options"/>; <paramref name="availableBytes"/> is the memory the
    /// runtime sees (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>), against which Orleans takes percentages.
    /// </summary>
    public void Apply(GrainCollectionOptions options, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CollectionQuantum = CollectionQuantum;
        options.CollectionAge = DefaultAge;
        foreach (var grainClass in RecordGrainClasses)
        {
            options.ClassSpecificCollectionAge[grainClass.FullName!] = RecordAge;
        }
        if (ShedAboveMib <= 0 || availableBytes <= 0)
        {
            options.EnableActivationSheddingOnMemoryPressure = false;
            return;
        }
        var limit = Math.Min(ShedAboveMib * 1024.0 * 1024.0 / availableBytes, MaxShareOfMachine);
        options.EnableActivationSheddingOnMemoryPressure = true;
        options.MemoryUsageLimitPercentage = limit * 100;
        options.MemoryUsageTargetPercentage = limit * ShedTargetFraction * 100;
    }

    /// <summary>The memory the runtime sees (physical memory, or a container's or GC heap hard limit), in bytes.</summary>
    public static long AvailableBytes()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (available > 0)
        {
            return available;
        }
        // Known only after a collection; a gen-0 one at startup costs nothing.
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
