using System.Globalization;
using System.Text.RegularExpressions;
using JobHome.Deployment.Tests.Fixtures;
using JobHome.Deployment.Tests.Manifests;

namespace JobHome.Deployment.Tests;

/// <summary>The image (not built here: no registry) is built the way the deployment expects; checked by reading the Dockerfile.</summary>
public sealed partial class DockerfileTests
{
    private readonly string _root = RepositoryRoot.Find();

    [Fact]
    public void Dockerfile_Stages_SdkBuildAndAspNetRuntimeOfDotnet10()
    {
        var from = Instructions("FROM");

        Assert.Equal(
            ["node:22-bookworm-slim AS node", "mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"],
            from);
    }

    [Fact]
    public void Dockerfile_BuildStage_HasNodeAndNpmBeforePublishingTheSilo()
    {
        var build = Stage("build");
        var publish = build.FindIndex(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));

        Assert.True(publish > 0, "the build stage does not run dotnet publish");
        Assert.Contains(build.Take(publish), l => l.StartsWith("COPY --from=node /usr/local/bin/node ", StringComparison.Ordinal));
        Assert.Contains(build.Take(publish), l => l.StartsWith("COPY --from=node /usr/local/lib/node_modules/npm ", StringComparison.Ordinal));
        Assert.Contains(build.Take(publish), l => l.Contains("node --version && npm --version", StringComparison.Ordinal));
        Assert.Matches(@"^RUN dotnet publish src/JobHome\.Silo -c Release .*-o /app/publish", build[publish]);
    }

    [Fact]
    public void Dockerfile_RuntimeStage_NonRootUserRunsSiloAssembly()
    {
        var runtime = Stage("runtime");

        var user = Assert.Single(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Equal("USER $APP_UID", user);
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"JobHome.Silo.dll\"]", runtime[^1]);
        Assert.Contains("COPY --from=build /app/publish ./", runtime);
        Assert.Contains(runtime, l => l.Contains("ASPNETCORE_URLS=http://+:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_Expose_EqualsSiloContainerPorts()
    {
        var exposed = Instructions("EXPOSE").SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        var manifests = ManifestSet.Load(_root);

        var declared = ManifestProbes.SiloContainerOf(manifests).Ports.Select(p => p.ContainerPort);

        Assert.Equal(declared.Order(), exposed.Order());
        Assert.Equal([8080, 11111, 30000], exposed.Order());
    }

    [Fact]
    public void Dockerignore_Entries_KeepBuildOutputsOutAndSourcesIn()
    {
        var entries = File.ReadAllLines(Path.Combine(_root, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();

        Assert.Subset(entries.ToHashSet(), new HashSet<string> { "**/bin/", "**/obj/", "**/node_modules/", ".git/", "tests/" });
        // What the Dockerfile copies must stay in the build context.
        Assert.DoesNotContain(entries, e => e is "src/" or "src" or "global.json" or "Directory.Build.props" or "Directory.Packages.props" or "*.props");
    }

    /// <summary>The Dockerfile as logical lines: continuations joined, comments and blank lines dropped, ARG defaults substituted.</summary>
    private List<string> Lines()
    {
        var lines = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(_root, "Dockerfile")))
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current += line[..^1].Trim() + " ";
                continue;
            }
            lines.Add(current + line);
            current = "";
        }

        var args = lines.Where(l => l.StartsWith("ARG ", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l[4..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        return lines.Select(l => ArgReference().Replace(l, m => args.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value)).ToList();
    }

    private List<string> Instructions(string keyword) =>
        Lines().Where(l => l.StartsWith(keyword + " ", StringComparison.Ordinal)).Select(l => l[(keyword.Length + 1)..]).ToList();

    private List<string> Stage(string name)
    {
        var lines = Lines();
        var start = lines.FindIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith(" AS " + name, StringComparison.Ordinal));
        Assert.True(start >= 0, $"the Dockerfile has no stage named {name}");
        var end = lines.FindIndex(start + 1, l => l.StartsWith("FROM ", StringComparison.Ordinal));
        return lines[(start + 1)..(end < 0 ? lines.Count : end)];
    }

    [GeneratedRegex(@"\$\{([A-Z_]+)\}")]
    private static partial Regex ArgReference();
}
