using System.Globalization;
using System.Reflection;

namespace JobHome.Actors.AdoNet.Schema;

/// <summary>Loads the embedded scripts <c>Sql/&lt;Dialect&gt;/NNNN_name.sql</c>, ordered by version.</summary>
internal static class SchemaScripts
{
    private const string Prefix = "JobHome.Actors.AdoNet.Sql.";

    public static IReadOnlyList<SchemaScript> Load(string folder)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = Prefix + folder + ".";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // Resource names follow the folders with either separator, depending on how MSBuild expanded RecursiveDir.
            var normalised = resource.Replace('/', '.').Replace('\\', '.');
            if (!normalised.StartsWith(prefix, StringComparison.Ordinal) || !normalised.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = normalised[prefix.Length..^".sql".Length];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts of {folder} must be numbered 1, 2, 3 … without gaps; found {scripts[i].Name}.");
            }
        }

        return scripts;
    }
}
