namespace JobHome.Deployment.Tests.Manifests;

/// <summary>An HTTP probe of the silo container: which probe ("startup", "readiness", "liveness"), its path and its container port number.</summary>
public sealed record ProbeEndpoint(string Probe, string Path, int Port);
