namespace JobHome.Matching.Index;

/// <summary>One candidate in a top-k heap: score, id for ties, stable handle, and where its features live.</summary>
internal struct Candidate
{
    public double Score;
    public int Handle;
    public string Id;
    public object Segment;
    public int Slot;
}
