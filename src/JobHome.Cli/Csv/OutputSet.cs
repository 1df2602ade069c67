using System.Text;

namespace JobHome.Cli.Csv;

/// <summary>
/// A set of output files written all-or-nothing: each is written to a temporary file beside its target,
/// and only <see cref="Commit"/> renames them into place. Disposing without committing deletes the temporaries.
/// </summary>
internal sealed class OutputSet : IDisposable
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly List<(string Temp, string Final)> _files = [];
    private bool _committed;

    /// <summary>Writes the content of <paramref name="finalPath"/> to a temporary file now.</summary>
    public void Write(string finalPath, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(finalPath);
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        _files.Add((temp, full));
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16);
        write(writer);
    }

    /// <summary>Writes a CSV file.</summary>
    public void WriteCsv(string finalPath, Action<CsvOutput> write) => Write(finalPath, w => write(new CsvOutput(w)));

    /// <summary>Moves every written file into place.</summary>
    public void Commit()
    {
        foreach (var (temp, final) in _files)
        {
            File.Move(temp, final, overwrite: true);
        }
        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        foreach (var (temp, _) in _files)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary file never replaces a real output.
            }
        }
    }
}
