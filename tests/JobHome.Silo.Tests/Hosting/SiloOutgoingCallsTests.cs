using JobHome.Silo.Hosting;
using JobHome.Storage.Calls;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Silo.Tests.Hosting;

/// <summary>
/// The silo as <c>Program</c> configures it registers no outgoing grain call filter, so Orleans sends every grain call
/// through its pooled path (a filter, whatever it does, makes every call of the silo take the filter pipeline:
/// docs/benchmarks.md); what the silo watches of its outgoing calls — the stream deliveries' outcomes and the sampled round
/// trips — goes through outgoing call observers in front of Orleans' grain reference runtime.
/// </summary>
public sealed class SiloOutgoingCallsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("jobhome-outgoing-").FullName;

    [Fact]
    public void Configure_EmbeddedStore_NoOutgoingGrainCallFilterAndTheObserversInFrontOfOrleans()
    {
        var builder = SiloHost.CreateBuilder(["--no-demo", "--data", _data]);
        var options = SiloHostOptionsReader.Read(builder.Configuration);
        SiloHost.Configure(builder, options, options.ToStorageOptions(), SiloTuningReader.Read(builder.Configuration));
        using var app = builder.Build();

        Assert.Empty(app.Services.GetServices<IOutgoingGrainCallFilter>());
        Assert.Equal("ObservedGrainReferenceRuntime", app.Services.GetRequiredService<IGrainReferenceRuntime>().GetType().Name);
        Assert.Equal(
            ["GrainCallTiming", "SqliteDeliveryOutcomes"],
            app.Services.GetServices<IOutgoingCallObserver>().Select(o => o.GetType().Name).Order());
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_data, recursive: true);
}
