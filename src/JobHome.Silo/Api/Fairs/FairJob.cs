using JobHome.Fair;

namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// One fair run in the silo: its inputs (uploaded files in its folder, or a site whose registered records it collects),
/// settings and progress. Progress is reported from the pipeline's thread and read by status requests: guarded by a lock.
/// </summary>
internal sealed class FairJob(string id, string folder, FairSettings settings, string objective, string mode, string? siteCode)
{
    /// <summary>The phases in run order; the overall fraction counts each as an equal part.</summary>
    public static readonly string[] Phases = ["read", "graph", "solve", "recommend", "write"];

    private readonly Lock _gate = new();
    private FairJobState _state = FairJobState.Queued;
    private string _phase = "queued";
    private int _phaseIndex = -1;
    private long _done;
    private long _total;
    private FairSummaryResponse? _summary;
    private string? _error;

    /// <summary>The job id.</summary>
    public string Id { get; } = id;

    /// <summary>The job's own folder: inputs and outputs.</summary>
    public string Folder { get; } = folder;

    /// <summary>The matching settings.</summary>
    public FairSettings Settings { get; } = settings;

    /// <summary>The objective token as given (for the summary).</summary>
    public string Objective { get; } = objective;

    /// <summary>The mode token as given (for the summary).</summary>
    public string Mode { get; } = mode;

    /// <summary>The site whose registered unemployed seekers and open posts are matched; null for uploaded files.</summary>
    public string? SiteCode { get; } = siteCode;

    /// <summary>When the job finished (done or failed), null before.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The uploaded seekers file.</summary>
    public string SeekersPath => Path.Combine(Folder, "seekers.csv");

    /// <summary>The uploaded posts file.</summary>
    public string PostsPath => Path.Combine(Folder, "posts.csv");

    /// <summary>The assignment (offers) file.</summary>
    public string AssignmentPath => Path.Combine(Folder, "assignment.csv");

    /// <summary>The recommendations file.</summary>
    public string RecommendationsPath => Path.Combine(Folder, "recommendations.csv");

    /// <summary>True once done (the files exist).</summary>
    public bool IsDone
    {
        get
        {
            lock (_gate)
            {
                return _state == FairJobState.Done;
            }
        }
    }

    /// <summary>Starts a phase of <paramref name="total"/> steps (<c>collect</c> counts as the read phase).</summary>
    public void Enter(string phase, long total)
    {
        lock (_gate)
        {
            _state = FairJobState.Running;
            _phase = phase;
            _phaseIndex = Math.Max(_phaseIndex, phase == "collect" ? 0 : Array.IndexOf(Phases, phase));
            _done = 0;
            _total = total;
        }
    }

    /// <summary>Steps done in the current phase.</summary>
    public void Report(long done)
    {
        lock (_gate)
        {
            _done = Math.Clamp(done, 0, _total);
        }
    }

    /// <summary>Marks the job done with its summary.</summary>
    public void Finish(FairSummaryResponse summary, DateTimeOffset at)
    {
        lock (_gate)
        {
            _state = FairJobState.Done;
            _phase = "done";
            _summary = summary;
            FinishedAt = at;
        }
    }

    /// <summary>Marks the job failed with a problem text.</summary>
    public void Fail(string error, DateTimeOffset at)
    {
        lock (_gate)
        {
            _state = FairJobState.Failed;
            _error = error;
            FinishedAt = at;
        }
    }

    /// <summary>The status as the API shows it.</summary>
    public FairStatusResponse Status()
    {
        lock (_gate)
        {
            var fraction = _state switch
            {
                FairJobState.Done => 1.0,
                _ when _phaseIndex < 0 => 0.0,
                _ => (_phaseIndex + (_total > 0 ? (double)_done / _total : 0)) / Phases.Length,
            };
            return new FairStatusResponse(Id, _state.ToString().ToLowerInvariant(), _phase, _done, _total, Math.Clamp(fraction, 0, 1),
                _summary, _error);
        }
    }
}
