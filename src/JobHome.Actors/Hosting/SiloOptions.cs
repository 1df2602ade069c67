using System.Text.Json;

namespace JobHome.Actors.Hosting;

/// <summary>
/// Options of the silo runtime. Storage is not an option but a DI registration: exactly one provider must be registered
/// (<c>AddJobHomeSqliteStorage</c>, <c>AddJobHomePostgresStorage</c> or, for unit tests, <c>AddJobHomeInMemoryStorage</c>);
/// with none, the silo refuses to start.
/// </summary>
public sealed class SiloOptions
{
    /// <summary>Idle activations older than this are deactivated. Default: 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations. Default: 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call still waiting for its response after this time fails with <see cref="TimeoutException"/> (checked every quarter of it, so within 1.25× of it). Default: 30 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivery attempts of one stream event to one consumer before it is dead-lettered. Default: 5.</summary>
    public int StreamMaxDeliveryAttempts { get; set; } = 5;

    /// <summary>How often delivery agents poll the stream log when not woken by a local publish. Default: 1 second.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events read from the log per agent batch. Default: 256.</summary>
    public int StreamReadBatchSize { get; set; } = 256;

    /// <summary>Maximum events per log append by the producer-side batching queue. Default: 1024.</summary>
    public int StreamPublishBatchSize { get; set; } = 1024;

    /// <summary>Serializer options for grain state and stream events (add source-generated contexts to its resolver chain). Default: web defaults, reflection-based.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    internal List<(Type Interface, Type Class)> Grains { get; } = [];

    /// <summary>Registers <typeparamref name="TGrain"/> as the implementation of <typeparamref name="TGrainInterface"/>.</summary>
    public SiloOptions AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        Grains.Add((typeof(TGrainInterface), typeof(TGrain)));
        return this;
    }
}
