namespace JobHome.Actors.Streams;

/// <summary>Subscribes a grain class to every stream of a namespace: the events of stream (namespace, key) go to the grain with that key.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    /// <summary>The stream namespace.</summary>
    public string StreamNamespace { get; } = streamNamespace;
}
