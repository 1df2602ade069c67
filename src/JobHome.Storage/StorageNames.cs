namespace JobHome.Storage;

/// <summary>Names of the providers every JobHome silo registers, whichever store backs them.</summary>
public static class StorageNames
{
    /// <summary>The grain storage used by <c>[PersistentState]</c> without a storage name.</summary>
    public const string Default = "Default";

    /// <summary>The grain storage of Orleans' stream pub/sub (explicit subscriptions).</summary>
    public const string PubSub = "PubSubStore";

    /// <summary>The durable stream provider that carries events up the tier tree.</summary>
    public const string Streams = "jobhome";
}
