namespace JobHome.Matching.Index;

/// <summary>
/// Process-wide counts of the seekers' post queries (for metrics: exact counts of the work behind the post lists): full scans
/// and the posts they scored, and the kept queries (<see cref="MatchIndex.KeepPostQuery"/>) answered from their memo, the
/// index changes those walked and the posts they scored again, and the memos refilled by a scan.
/// </summary>
public static class IndexCounters
{
    private static long _postScans;
    private static long _postsScored;
    private static long _memoAnswers;
    private static long _memoRefills;
    private static long _memoChangesWalked;
    private static long _memoPostsScored;

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

    internal static void CountScan(long scored)
    {
        Interlocked.Increment(ref _postScans);
        Interlocked.Add(ref _postsScored, scored);
    }

    internal static void CountMemo(bool refilled, long walked, long scored)
    {
        Interlocked.Increment(ref refilled ? ref _memoRefills : ref _memoAnswers);
        Interlocked.Add(ref _memoChangesWalked, walked);
        Interlocked.Add(ref _memoPostsScored, scored);
    }
}
