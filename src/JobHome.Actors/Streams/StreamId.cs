namespace JobHome.Actors.Streams;

/// <summary>Identifies a stream by namespace (e.g. <c>site-events</c>) and key (e.g. a site code).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Key}";
}
