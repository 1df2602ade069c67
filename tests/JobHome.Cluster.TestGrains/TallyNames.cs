namespace JobHome.Cluster.TestGrains;

/// <summary>Stream namespace and keys of the tally streams.</summary>
public static class TallyNames
{
    /// <summary>The stream namespace tally grains subscribe to implicitly.</summary>
    public const string Namespace = "tally";

    /// <summary>The key of stream number <paramref name="index"/> (also the key of its tally grain).</summary>
    public static string StreamKey(int index) => $"s{index}";
}
