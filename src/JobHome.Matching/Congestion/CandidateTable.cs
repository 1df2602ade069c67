namespace JobHome.Matching.Congestion;

/// <summary>Each person's plain candidate posts flattened into rows (best first): post numbers and linear scores.</summary>
internal sealed class CandidateTable
{
    private int[] _start = new int[16];
    private int[] _post = new int[256];
    private double[] _score = new double[256];

    /// <summary>Rows added so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Candidates over all rows.</summary>
    public int Count => _start[Rows];

    /// <summary>Adds one row of candidates in the order given (best first).</summary>
    public void AddRow(ReadOnlySpan<int> posts, ReadOnlySpan<double> scores)
    {
        if (Rows + 2 > _start.Length)
        {
            Array.Resize(ref _start, _start.Length * 2);
        }
        var at = _start[Rows];
        var need = at + posts.Length;
        if (need > _post.Length)
        {
            var size = Math.Max(need, _post.Length * 2);
            Array.Resize(ref _post, size);
            Array.Resize(ref _score, size);
        }
        posts.CopyTo(_post.AsSpan(at));
        scores.CopyTo(_score.AsSpan(at));
        Rows++;
        _start[Rows] = need;
    }

    /// <summary>The post numbers of a row.</summary>
    public ReadOnlySpan<int> Posts(int row) => _post.AsSpan(_start[row], _start[row + 1] - _start[row]);

    /// <summary>The linear scores of a row.</summary>
    public ReadOnlySpan<double> Scores(int row) => _score.AsSpan(_start[row], _start[row + 1] - _start[row]);
}
