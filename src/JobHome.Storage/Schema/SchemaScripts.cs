using System.Globalization;
using System.Reflection;
using System.Text;

namespace JobHome.Storage.Schema;

/// <summary>The schema scripts embedded in this assembly as <c>JobHome.Storage.Sql.&lt;Dialect&gt;.NNNN_name.sql</c>.</summary>
public static class SchemaScripts
{
    private const string ResourcePrefix = "JobHome.Storage.Sql.";

    /// <summary>Loads the embedded scripts of <paramref name="dialect"/> in version order.</summary>
    public static IReadOnlyList<SchemaScript> Load(SchemaDialect dialect)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // The csproj's LogicalName keeps %(RecursiveDir)'s separator ("Sql.Postgres/0001_x.sql"); accept it and dots.
            var name = resource.Replace('/', '.').Replace('\\', '.');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[prefix.Length..^".sql".Length];
            scripts.Add(Parse(file, Read(assembly, resource)));
        }

        return Validate(scripts);
    }

    /// <summary>Sorts <paramref name="scripts"/> by version and checks they run 1, 2, 3 … without gaps or repeats.</summary>
    public static IReadOnlyList<SchemaScript> Validate(IEnumerable<SchemaScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var ordered = scripts.OrderBy(s => s.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema scripts must be numbered 1, 2, 3 … without gaps or repeats; expected version {i + 1}, found "
                    + $"{ordered[i].Version} ({ordered[i].Name}).");
            }
        }

        return ordered;
    }

    /// <summary>Builds a script from a file name <c>NNNN_name</c> (without extension) and its text.</summary>
    public static SchemaScript Parse(string fileName, string sql)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0
            || !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || underscore == fileName.Length - 1)
        {
            throw new InvalidOperationException($"Schema script '{fileName}' is not named NNNN_name.sql.");
        }

        return new SchemaScript(version, fileName[(underscore + 1)..], sql);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' cannot be read.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
