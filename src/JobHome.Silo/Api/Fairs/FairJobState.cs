namespace JobHome.Silo.Api.Fairs;

/// <summary>Where a fair job is: <c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</summary>
public enum FairJobState
{
    /// <summary>Waiting for the running job to finish.</summary>
    Queued,

    /// <summary>Running one of its phases.</summary>
    Running,

    /// <summary>Finished; the files can be downloaded.</summary>
    Done,

    /// <summary>Stopped with an error (bad input rows, no valid rows, an I/O failure).</summary>
    Failed,
}
