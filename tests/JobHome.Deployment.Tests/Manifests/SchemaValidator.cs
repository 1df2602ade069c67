using System.ComponentModel;
using System.Diagnostics;
using JobHome.Deployment.Tests.Fixtures;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>
/// Validates manifests against the Kubernetes OpenAPI schemas with the npm package kubernetes-models, through
/// k8s/validate/validate.mjs (types, formats, required fields). Installs the pinned packages with `npm ci` on first use.
/// </summary>
public static class SchemaValidator
{
    /// <summary>The folder of the validation script and its package-lock.json, relative to the repository root.</summary>
    public const string ScriptFolder = "k8s/validate";

    private const string Install = "Node.js (18 or newer) and npm are needed to validate k8s/ against the Kubernetes schemas; on Debian: apt-get install nodejs npm";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromMinutes(1);
    private static readonly Lock InstallLock = new();

    /// <summary>Validates every resource the kustomization of <paramref name="manifests"/> lists.</summary>
    public static SchemaValidationResult Validate(ManifestSet manifests) =>
        Validate(manifests.Resources.Select(r => Path.Combine(manifests.Directory, r)));

    /// <summary>Validates <paramref name="files"/> (absolute paths) with the script of this repository.</summary>
    public static SchemaValidationResult Validate(IEnumerable<string> files)
    {
        var folder = EnsureInstalled(RepositoryRoot.Find());
        var (exitCode, output, errors) = Run("node", ["validate.mjs", .. files], folder, ValidateTimeout);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SchemaValidationResult(exitCode, lines, errors);
    }

    /// <summary>Runs `npm ci` in <see cref="ScriptFolder"/> unless its node_modules already match package-lock.json; returns the folder.</summary>
    public static string EnsureInstalled(string repoRoot)
    {
        var folder = Path.Combine(repoRoot, ScriptFolder);
        var lockFile = Path.Combine(folder, "package-lock.json");
        // npm writes this copy of the lock file into node_modules when it installs.
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        lock (InstallLock)
        {
            if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile))
            {
                return folder;
            }
            var (exitCode, output, errors) = Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, InstallTimeout);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"`npm ci` in {ScriptFolder} failed (exit {exitCode}); it needs the npm registry. {output}{errors}");
            }
            return folder;
        }
    }

    internal static (int ExitCode, string Output, string Errors) Run(string program, IEnumerable<string> arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start. {Install}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"`{program}` was not found. {Install}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{program} {string.Join(' ', start.ArgumentList)}` did not finish within {timeout}");
            }
            return (process.ExitCode, output.GetAwaiter().GetResult(), errors.GetAwaiter().GetResult());
        }
    }
}
