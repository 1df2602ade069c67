using System.Net;
using JobHome.Deployment.Tests.Fixtures;
using JobHome.Deployment.Tests.Manifests;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Endpoints;

/// <summary>Every HTTP probe the Kubernetes manifests declare exists on the real silo and answers 200 when it is ready.</summary>
public sealed class ManifestProbeTests(RunningSiloFixture fixture) : IClassFixture<RunningSiloFixture>
{
    [Fact]
    public async Task ManifestProbes_RunningSilo_EveryProbePathAnswers200()
    {
        var probes = ManifestProbes.Read(RepositoryRoot.Find());

        Assert.Equal(["startup", "readiness", "liveness"], probes.Select(p => p.Probe));
        foreach (var probe in probes)
        {
            using var response = await fixture.Silo.Http.GetAsync(new Uri(probe.Path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{probe.Probe} probe {probe.Path} answered {(int)response.StatusCode}");
        }
    }
}
