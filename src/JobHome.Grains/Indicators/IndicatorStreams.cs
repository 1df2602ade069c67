namespace JobHome.Grains.Indicators;

/// <summary>The stream that carries a site's record changes to the site's aggregator.</summary>
public static class IndicatorStreams
{
    /// <summary>The stream namespace; the stream key is the site code (the aggregator subscribes implicitly).</summary>
    public const string Namespace = "indicator-changes";
}
