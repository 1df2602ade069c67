using Orleans;

namespace JobHome.Storage.SqliteHost;

/// <summary>Implicitly subscribed consumer of one stream.</summary>
[Alias("jobhome.kill.consumer")]
public interface IKillConsumerGrain : IGrainWithStringKey;
