using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace JobHome.Silo.Dashboard;

/// <summary>
/// The dashboard bundle embedded in this assembly by the MSBuild target of JobHome.Silo.csproj (resource names
/// <c>wwwroot/…</c>), read once at start-up.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, DashboardAsset> _byPath;

    private DashboardAssets(Dictionary<string, DashboardAsset> byPath) => _byPath = byPath;

    /// <summary>The page every client route falls back to, or null when the bundle was left out of the build.</summary>
    public DashboardAsset? Index => Find("/index.html");

    /// <summary>Number of files in the bundle.</summary>
    public int Count => _byPath.Count;

    /// <summary>Loads every embedded <c>wwwroot/</c> resource of <paramref name="assembly"/>.</summary>
    public static DashboardAssets Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var byPath = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = "/" + name[Prefix.Length..].Replace('\\', '/');
            if (!types.TryGetContentType(path, out var type))
            {
                type = "application/octet-stream";
            }

            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json")
            {
                type += "; charset=utf-8";
            }

            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            byPath[path] = new DashboardAsset(path, type, content, Compress(content, type), etag,
                path.StartsWith("/assets/", StringComparison.Ordinal));
        }

        return new DashboardAssets(byPath);
    }

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public DashboardAsset? Find(string path) => _byPath.GetValueOrDefault(path);

    private static byte[]? Compress(byte[] content, string type)
    {
        var compressible = type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("javascript", StringComparison.Ordinal)
            || type.Contains("json", StringComparison.Ordinal) || type.Contains("svg", StringComparison.Ordinal);
        if (!compressible || content.Length < 1024)
        {
            return null;
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
