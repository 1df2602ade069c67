using Orleans.Concurrency;

namespace JobHome.Grains.People;

/// <summary>A registered job seeker (实名制求职者), keyed by a system-assigned id (never the ID-card number).</summary>
[Alias("jobhome.ISeekerGrain")]
public interface ISeekerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the seeker or corrects the registration. Bad input → field errors; an ID number already registered
    /// to another seeker → a conflict naming that seeker's id.
    /// </summary>
    [Alias("Register")]
    Task<CommandResult> RegisterAsync(SeekerRegistration registration);

    /// <summary><see cref="RegisterAsync"/> and, when it succeeded, the seeker as <see cref="GetAsync"/> then answers.</summary>
    [Alias("RegisterAndGet")]
    Task<CommandAnswer<SeekerView>> RegisterAndGetAsync(SeekerRegistration registration);

    /// <summary>The seeker, masked, or null when not registered.</summary>
    [ReadOnly, Alias("Get")]
    Task<SeekerView?> GetAsync();

    /// <summary>
    /// Deregisters the seeker from <paramref name="date"/> (注销登记): kept as history, out of the labour force from that
    /// date (so out of the employment indicators; placements made still count), refused while a placement is active.
    /// Idempotent; a later correction (<see cref="RegisterAsync"/>) registers the seeker again.
    /// </summary>
    [Alias("Deregister")]
    Task<CommandResult> DeregisterAsync(DateOnly date, string reason);

    /// <summary>Adds a follow-up record.</summary>
    [Alias("AddFollowUp")]
    Task<CommandResult> AddFollowUpAsync(FollowUp followUp);

    /// <summary>
    /// The seeker's status changes, oldest first, or null when not registered. A seeker stored before the history was
    /// kept shows one change: the current status, cause <see cref="StatusCauses.Unrecorded"/>.
    /// </summary>
    [ReadOnly, Alias("GetStatusHistory")]
    Task<StatusChange[]?> GetStatusHistoryAsync();
}
