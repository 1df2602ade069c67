namespace JobHome.Matching.Index;

/// <summary>
/// Process-wide counts of the seekers' post queries (for metrics: exact counts of the work behind the post lists): full scans
/// and the posts they scored, and the kept queries (<see cref="MatchIndex.KeepPostQuery"/>) answered from their memo, the
/// index changes those walked (passed over as superseded or by the prefilter, or read), the memo searches and the posts they
/// scored again, and the memos refilled by a scan.
/// </summary>
public static class IndexCounters
{
    private static long _postScans;
    private static long _postsScored;
    private static long _memoAnswers;
    private static long _memoRefills;
    private static long _memoChangesWalked;
    private static long _memoPostsScored;
    private static long _memoChangesSuperseded;
    private static long _memoChangesPrefiltered;
    private static long _memoSearches;

    /// <summary>Seekers' post queries answered by a scan of the buckets.</summary>
    public static long PostScans => Volatile.Read(ref _postScans);

    /// <summary>Posts those scans scored in full (past the filters and the bucket's bound: a haversine and a score).</summary>
    public static long PostsScored => Volatile.Read(ref _postsScored);

    /// <summary>Kept queries answered from their memo, without a scan.</summary>
    public static long MemoAnswers => Volatile.Read(ref _memoAnswers);

    /// <summary>Kept queries whose memo had to be filled by a scan (first use, another model or settings, too few left).</summary>
    public static long MemoRefills => Volatile.Read(ref _memoRefills);

    /// <summary>Post changes the memo answers walked.</summary>
    public static long MemoChangesWalked => Volatile.Read(ref _memoChangesWalked);

    /// <summary>Changed posts the memo answers scored again (past the bound: a haversine and a score).</summary>
    public static long MemoPostsScored => Volatile.Read(ref _memoPostsScored);

    /// <summary>Walked post changes passed over because the same post was logged again later (handled at its latest entry).</summary>
    public static long MemoChangesSuperseded => Volatile.Read(ref _memoChangesSuperseded);

    /// <summary>
    /// Walked post changes passed over by the prefilter, from the log entry's own copy of the post (out of commuting range, a
    /// hard filter, a score bound below the memo's bottom; removals), without reading the post's slot or segment. The rest,
    /// walked − superseded − prefiltered, were read and tried (a memo answer's posts scored again are among them).
    /// </summary>
    public static long MemoChangesPrefiltered => Volatile.Read(ref _memoChangesPrefiltered);

    /// <summary>Searches of a memo for a walked post (only for a post the memo's mark may hold).</summary>
    public static long MemoSearches => Volatile.Read(ref _memoSearches);

    internal static void CountScan(long scored)
    {
        Interlocked.Increment(ref _postScans);
        Interlocked.Add(ref _postsScored, scored);
    }

    internal static void CountMemo(bool refilled, in WalkCounts walk)
    {
        Interlocked.Increment(ref refilled ? ref _memoRefills : ref _memoAnswers);
        if (walk.Walked == 0)
        {
            return;
        }
        Interlocked.Add(ref _memoChangesWalked, walk.Walked);
        Interlocked.Add(ref _memoPostsScored, walk.Scored);
        Interlocked.Add(ref _memoChangesSuperseded, walk.Superseded);
        Interlocked.Add(ref _memoChangesPrefiltered, walk.Prefiltered);
        Interlocked.Add(ref _memoSearches, walk.Searched);
    }
}
