namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Subscribes explicitly (the subscription lives in the PubSubStore grain storage) and reports what arrives.</summary>
[Alias("jobhome.tests.guarantees.explicit-subscriber")]
public interface IExplicitSubscriberGrain : IGrainWithGuidKey
{
    /// <summary>Subscribes to the stream (<see cref="ExplicitSubscriberGrain.Namespace"/>, <paramref name="streamKey"/>).</summary>
    Task SubscribeAsync(Guid streamKey);
}
