using System.Data.Common;
using System.Globalization;
using JobHome.Deployment.Tests.Fixtures;
using JobHome.Deployment.Tests.Manifests;
using k8s.Models;

namespace JobHome.Deployment.Tests;

/// <summary>Names, labels, selectors, ports and references agree across the objects of k8s/.</summary>
public sealed class ManifestConsistencyTests
{
    private const string Namespace = "jobhome";
    private const string SiloConfig = "jobhome-silo-config";
    private const string DbSecret = "jobhome-db";
    private const string PostgresName = "jobhome-postgres";

    private readonly ManifestSet _manifests = ManifestSet.Load(RepositoryRoot.Find());

    private V1Deployment Silo => _manifests.Single<V1Deployment>(ManifestProbes.SiloDeployment);

    private V1Container SiloContainer => ManifestProbes.SiloContainerOf(_manifests);

    /// <summary>Both workloads; asserting their number keeps the per-workload loops from passing on nothing.</summary>
    private IReadOnlyList<PodWorkload> Workloads
    {
        get
        {
            var all = PodWorkload.All(_manifests);
            Assert.Equal(2, all.Count);
            return all;
        }
    }

    [Fact]
    public void Workloads_Selector_SelectsOwnPodTemplateOnly()
    {
        var workloads = Workloads;

        Assert.Equal(["Deployment/jobhome-silo", "StatefulSet/jobhome-postgres"], workloads.Select(w => w.ToString()));
        foreach (var workload in workloads)
        {
            Assert.True(LabelSelectors.Matches(workload.Selector, workload.PodLabels), $"{workload}'s selector does not select its pod template");
            foreach (var other in workloads.Where(o => o != workload))
            {
                Assert.False(LabelSelectors.Matches(workload.Selector, other.PodLabels), $"{workload}'s selector also selects the pods of {other}");
            }
        }
    }

    [Fact]
    public void Services_Selector_SelectsOneWorkloadAndTargetsItsNamedPorts()
    {
        var workloads = Workloads;
        var services = _manifests.All<V1Service>();

        Assert.Equal(2, services.Count);
        foreach (var service in services)
        {
            var selected = workloads.Where(w => LabelSelectors.Matches(service.Spec.Selector, w.PodLabels)).ToList();
            Assert.True(selected.Count == 1, $"Service {service.Metadata.Name} selects {selected.Count} workloads");
            var ports = ContainerPorts.Of(selected[0].Pod);
            foreach (var port in service.Spec.Ports)
            {
                Assert.True(
                    ContainerPorts.Resolve(ports, port.TargetPort) is not null,
                    $"Service {service.Metadata.Name} port {port.Name} targets '{port.TargetPort?.Value}', which {selected[0]} does not declare");
            }
        }
        Assert.True(LabelSelectors.Matches(_manifests.Single<V1Service>(ManifestProbes.SiloDeployment).Spec.Selector, Silo.Spec.Template.Metadata.Labels));
    }

    [Fact]
    public void SiloService_Ports_OnlyHttpForwardedToNamedHttpPort()
    {
        var service = _manifests.Single<V1Service>(ManifestProbes.SiloDeployment);

        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(ManifestProbes.HttpPortName, port.TargetPort.Value);
        Assert.Equal(ManifestProbes.HttpPortName, port.Name);
    }

    [Fact]
    public void PodDisruptionBudget_Selector_SelectsSiloPodsAndLeavesAMajority()
    {
        var budget = Assert.Single(_manifests.All<V1PodDisruptionBudget>());
        var postgres = _manifests.Single<V1StatefulSet>(PostgresName);

        Assert.True(LabelSelectors.Matches(budget.Spec.Selector, Silo.Spec.Template.Metadata.Labels));
        Assert.False(LabelSelectors.Matches(budget.Spec.Selector, postgres.Spec.Template.Metadata.Labels));
        Assert.Null(budget.Spec.MinAvailable);
        Assert.Equal(1, budget.Spec.MaxUnavailable.ToInt());
        Assert.True(Silo.Spec.Replicas - budget.Spec.MaxUnavailable.ToInt() > Silo.Spec.Replicas / 2);
    }

    [Fact]
    public void Probes_Ports_ReferToDeclaredContainerPorts()
    {
        var checkedProbes = 0;
        foreach (var workload in Workloads)
        {
            foreach (var container in workload.Pod.Containers)
            {
                foreach (var probe in new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe })
                {
                    Assert.NotNull(probe);
                    var port = probe.HttpGet?.Port ?? probe.TcpSocket?.Port;
                    if (probe.Exec is not null)
                    {
                        Assert.NotEmpty(probe.Exec.Command);
                    }
                    else
                    {
                        Assert.True(ContainerPorts.Resolve(container.Ports, port) is not null, $"a probe of {workload}/{container.Name} uses port '{port?.Value}', which the container does not declare");
                    }
                    checkedProbes++;
                }
            }
        }
        Assert.Equal(6, checkedProbes);
    }

    [Fact]
    public void SiloContainer_Ports_NamedAndEqualToConfiguredPorts()
    {
        var ports = SiloContainer.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);

        Assert.Equal(new Dictionary<string, int> { ["http"] = 8080, ["silo"] = 11111, ["gateway"] = 30000 }, ports);
        Assert.Equal(ports["silo"].ToString(CultureInfo.InvariantCulture), EnvResolver.Resolve(SiloContainer, "JobHome__SiloPort", _manifests));
        Assert.Equal(ports["gateway"].ToString(CultureInfo.InvariantCulture), EnvResolver.Resolve(SiloContainer, "JobHome__GatewayPort", _manifests));
        var urls = EnvResolver.Resolve(SiloContainer, "ASPNETCORE_URLS", _manifests);
        Assert.Equal(ports["http"], new Uri(urls.Replace("+", "localhost", StringComparison.Ordinal)).Port);
    }

    [Fact]
    public void Containers_EnvReferences_SecretAndConfigMapKeysExist()
    {
        var resolved = 0;
        foreach (var workload in Workloads)
        {
            foreach (var container in workload.Pod.Containers)
            {
                // Resolve throws, naming the variable, when a referenced ConfigMap, Secret or key is missing.
                foreach (var variable in container.Env ?? [])
                {
                    Assert.NotNull(EnvResolver.Resolve(container, variable.Name, _manifests));
                    resolved++;
                }
                foreach (var source in container.EnvFrom ?? [])
                {
                    Assert.True(
                        (source.ConfigMapRef is { } c && _manifests.Find<V1ConfigMap>(c.Name) is not null)
                        || (source.SecretRef is { } s && _manifests.Find<V1Secret>(s.Name) is not null),
                        $"envFrom of {workload}/{container.Name} names a ConfigMap or Secret that does not exist");
                }
            }
        }
        Assert.Equal(18, resolved);
    }

    [Fact]
    public void EnvResolver_MissingConfigMapKey_Throws()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace("configmap.yaml", "  JobHome__GatewayPort: \"30000\"\n", "");
        var manifests = ManifestSet.Load(copy.Root);

        var error = Assert.Throws<ManifestException>(() => EnvResolver.Resolve(ManifestProbes.SiloContainerOf(manifests), "JobHome__GatewayPort", manifests));

        Assert.Equal($"ConfigMap {SiloConfig} has no key JobHome__GatewayPort", error.Message);
    }

    [Fact]
    public void EnvResolver_MissingSecret_Throws()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace("silo-deployment.yaml", "                  name: jobhome-db\n", "                  name: jobhome-database\n");
        var manifests = ManifestSet.Load(copy.Root);

        var error = Assert.Throws<ManifestException>(() => EnvResolver.Resolve(ManifestProbes.SiloContainerOf(manifests), "ConnectionStrings__JobHome", manifests));

        Assert.Equal("no Secret named jobhome-database", error.Message);
    }

    [Fact]
    public void SiloContainer_Configuration_EverySettingTheSiloReads()
    {
        string Env(string name) => EnvResolver.Resolve(SiloContainer, name, _manifests);

        Assert.Equal("postgres", Env("JobHome__Storage"));
        Assert.Equal(Env("ConnectionStrings__JobHome"), EnvResolver.SecretValue(_manifests, DbSecret, "connection-string"));
        Assert.False(string.IsNullOrWhiteSpace(Env("JobHome__ClusterId")));
        Assert.False(string.IsNullOrWhiteSpace(Env("JobHome__ServiceId")));
    }

    [Fact]
    public void SiloContainer_DownwardApi_SiloNameIsPodNameAndAddressIsPodIp()
    {
        string Env(string name) => EnvResolver.Resolve(SiloContainer, name, _manifests);

        Assert.Equal("fieldRef:metadata.name", Env("POD_NAME"));
        Assert.Equal("fieldRef:status.podIP", Env("POD_IP"));
        Assert.Equal("fieldRef:metadata.namespace", Env("POD_NAMESPACE"));
        Assert.Equal("fieldRef:metadata.name", Env("JobHome__SiloName"));
        Assert.Equal("fieldRef:status.podIP", Env("JobHome__AdvertisedAddress"));
    }

    [Fact]
    public void EnvResolver_ReferenceToLaterVariable_Throws()
    {
        var container = new V1Container
        {
            Name = "c",
            Env =
            [
                new V1EnvVar { Name = "JobHome__SiloName", Value = "$(POD_NAME)" },
                new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            ],
        };

        var error = Assert.Throws<ManifestException>(() => EnvResolver.Resolve(container, "JobHome__SiloName", _manifests));

        Assert.Equal("JobHome__SiloName refers to $(POD_NAME), which is not defined before it in container c", error.Message);
    }

    [Fact]
    public void SiloDeployment_GracePeriod_ExceedsConfiguredShutdownTimeout()
    {
        var shutdown = TimeSpan.Parse(EnvResolver.Resolve(SiloContainer, "JobHome__ShutdownTimeout", _manifests), CultureInfo.InvariantCulture);
        var grace = TimeSpan.FromSeconds(Silo.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);

        Assert.Equal(TimeSpan.FromSeconds(120), shutdown);
        Assert.Equal(TimeSpan.FromSeconds(150), grace);
        // Margin for the time between SIGTERM and the host starting its shutdown, and for process exit.
        Assert.True(grace - shutdown >= TimeSpan.FromSeconds(15), $"grace period {grace} leaves too little over the shutdown timeout {shutdown}");
    }

    [Fact]
    public void SiloDeployment_Rollout_ThreeReplicasOneSurgeNoneUnavailable()
    {
        Assert.Equal(3, Silo.Spec.Replicas);
        Assert.Equal("RollingUpdate", Silo.Spec.Strategy.Type);
        Assert.Equal(0, Silo.Spec.Strategy.RollingUpdate.MaxUnavailable.ToInt());
        Assert.Equal(1, Silo.Spec.Strategy.RollingUpdate.MaxSurge.ToInt());
    }

    [Fact]
    public void Pods_Security_NonRootReadOnlyRootNoTokenWritableTmp()
    {
        foreach (var workload in Workloads)
        {
            var pod = workload.Pod;
            Assert.False(pod.AutomountServiceAccountToken ?? true, $"{workload} mounts a service-account token");
            Assert.True(pod.SecurityContext?.RunAsNonRoot, $"{workload} may run as root");
            Assert.True(pod.SecurityContext?.RunAsUser > 0, $"{workload} has no numeric non-root user");
            foreach (var container in pod.Containers)
            {
                Assert.True(container.SecurityContext?.ReadOnlyRootFilesystem, $"{workload}/{container.Name}: root filesystem writable");
                Assert.False(container.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{workload}/{container.Name}: privilege escalation allowed");
                Assert.Equal(["ALL"], container.SecurityContext?.Capabilities?.Drop ?? []);
                var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
                Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
            }
        }
    }

    [Fact]
    public void Pods_VolumeMounts_ReferToDeclaredVolumesOrClaims()
    {
        foreach (var workload in Workloads)
        {
            var volumes = (workload.Pod.Volumes ?? []).Select(v => v.Name).Concat(workload.ClaimTemplates).ToHashSet();
            foreach (var mount in workload.Pod.Containers.SelectMany(c => c.VolumeMounts ?? []))
            {
                Assert.True(volumes.Contains(mount.Name), $"{workload} mounts '{mount.Name}', which is neither a volume nor a claim template");
            }
        }
    }

    [Fact]
    public void Containers_Resources_RequestCpuAndMemoryLimitMemory()
    {
        foreach (var workload in Workloads)
        {
            foreach (var container in workload.Pod.Containers)
            {
                var requests = container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
                var limits = container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
                Assert.True(requests.ContainsKey("cpu"), $"{workload}/{container.Name} requests no CPU");
                Assert.True(requests.ContainsKey("memory"), $"{workload}/{container.Name} requests no memory");
                Assert.True(limits.ContainsKey("memory"), $"{workload}/{container.Name} has no memory limit");
                Assert.True(limits["memory"].ToDecimal() >= requests["memory"].ToDecimal(), $"{workload}/{container.Name}: memory limit below request");
            }
        }
    }

    [Fact]
    public void Postgres_StatefulSet_HeadlessServicePersistentClaimAndVersion15()
    {
        var postgres = _manifests.Single<V1StatefulSet>(PostgresName);
        var service = _manifests.Single<V1Service>(postgres.Spec.ServiceName);

        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.True(LabelSelectors.Matches(service.Spec.Selector, postgres.Spec.Template.Metadata.Labels));
        Assert.Equal("postgres:15", Assert.Single(postgres.Spec.Template.Spec.Containers).Image);
        var claim = Assert.Single(postgres.Spec.VolumeClaimTemplates);
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes);
        var data = Assert.Single(postgres.Spec.Template.Spec.Containers[0].VolumeMounts, m => m.Name == claim.Metadata.Name);
        Assert.StartsWith(data.MountPath + "/", EnvResolver.Resolve(postgres.Spec.Template.Spec.Containers[0], "PGDATA", _manifests), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_ConnectionString_AgreesWithPostgresCredentialsAndService()
    {
        var postgres = _manifests.Single<V1StatefulSet>(PostgresName);
        var container = Assert.Single(postgres.Spec.Template.Spec.Containers);
        var service = _manifests.Single<V1Service>(postgres.Spec.ServiceName);
        var builder = new DbConnectionStringBuilder { ConnectionString = EnvResolver.SecretValue(_manifests, DbSecret, "connection-string") };

        Assert.Equal(service.Metadata.Name, builder["Host"]);
        Assert.Equal(service.Spec.Ports.Single().Port.ToString(CultureInfo.InvariantCulture), builder["Port"]);
        Assert.Equal(EnvResolver.Resolve(container, "POSTGRES_DB", _manifests), builder["Database"]);
        Assert.Equal(EnvResolver.Resolve(container, "POSTGRES_USER", _manifests), builder["Username"]);
        Assert.Equal(EnvResolver.Resolve(container, "POSTGRES_PASSWORD", _manifests), builder["Password"]);
    }

    [Fact]
    public void Secret_Passwords_ArePlaceholdersMarkedChangeMe()
    {
        Assert.Equal("CHANGE-ME", EnvResolver.SecretValue(_manifests, DbSecret, "postgres-password"));
        Assert.Contains("Password=CHANGE-ME", EnvResolver.SecretValue(_manifests, DbSecret, "connection-string"), StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_Namespace_AllInTheKustomizationNamespace()
    {
        Assert.Equal(Namespace, _manifests.KustomizationNamespace);
        Assert.Equal(Namespace, _manifests.Single<V1Namespace>(Namespace).Metadata.Name);
        foreach (var item in _manifests.Objects.Where(o => o.Kind != "Namespace"))
        {
            Assert.True(item.Object.Metadata.NamespaceProperty == Namespace, $"{item} is not in namespace {Namespace}");
        }
    }

    [Fact]
    public void Objects_Rbac_NoneBecauseKubernetesHostingIsNotUsed()
    {
        string[] rbacKinds = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"];

        Assert.DoesNotContain(_manifests.Objects, o => rbacKinds.Contains(o.Kind));
        Assert.All(Workloads, w => Assert.Null(w.Pod.ServiceAccountName));
    }

    [Fact]
    public void Kustomization_Images_RewritesTheSiloImage()
    {
        var image = SiloContainer.Image;

        Assert.Equal(["jobhome-silo"], _manifests.KustomizationImages);
        Assert.Equal("jobhome-silo", image.Split(':')[0]);
    }

    [Fact]
    public void SiloConfigMap_Keys_EachMappedOntoTheSameNamedVariable()
    {
        var config = _manifests.Single<V1ConfigMap>(SiloConfig);
        var mapped = SiloContainer.Env
            .Where(e => e.ValueFrom?.ConfigMapKeyRef?.Name == SiloConfig)
            .ToDictionary(e => e.Name, e => e.ValueFrom.ConfigMapKeyRef.Key);

        Assert.Equal(config.Data.Keys.Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
        Assert.All(mapped, m => Assert.Equal(m.Key, m.Value));
    }
}
