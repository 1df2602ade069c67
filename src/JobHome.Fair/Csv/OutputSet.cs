using System.Text;

namespace JobHome.Fair.Csv;

/// <summary>
/// A set of output files written all-or-nothing: each is written to a temporary file beside its target (UTF-8 without
/// BOM, LF line ends) and only <see cref="Commit"/> renames them into place, after every file has been written and
/// closed. Disposing without committing (after any failure) closes and deletes every temporary file, so nothing
/// half-written remains.
/// </summary>
internal sealed class OutputSet : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly List<(string Temp, string Final, StreamWriter Writer)> _files = [];
    private bool _committed;

    /// <summary>Opens a temporary file for <paramref name="finalPath"/> (its folder is created); the set closes it.</summary>
    public TextWriter Open(string finalPath)
    {
        var full = Path.GetFullPath(finalPath);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        var writer = new StreamWriter(stream, Utf8NoBom, BufferSize) { NewLine = "\n" };
        _files.Add((temp, full, writer));
        return writer;
    }

    /// <summary>Writes the whole content of <paramref name="finalPath"/> to its temporary file now and closes it.</summary>
    public void Write(string finalPath, Action<TextWriter> write)
    {
        var writer = Open(finalPath);
        write(writer);
        writer.Dispose();
    }

    /// <summary>Writes a CSV file.</summary>
    public void WriteCsv(string finalPath, Action<CsvOutput> write) => Write(finalPath, writer => write(new CsvOutput(writer)));

    /// <summary>
    /// Closes every file (a failure to finish any of them throws before anything is renamed), then moves each into place.
    /// </summary>
    public void Commit()
    {
        foreach (var (_, _, writer) in _files)
        {
            writer.Dispose();
        }
        foreach (var (temp, final, _) in _files)
        {
            File.Move(temp, final, overwrite: true);
        }
        _committed = true;
    }

    /// <summary>Unless committed, closes and deletes every temporary file; cleaning up never throws.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        foreach (var (temp, _, writer) in _files)
        {
            Discard(temp, writer);
        }
    }

    private static void Discard(string temp, StreamWriter writer)
    {
        try
        {
            writer.Dispose();
        }
        catch (IOException)
        {
            // The file is being thrown away; a flush that fails (disk full) changes nothing.
        }
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file never replaces a real output.
        }
    }
}
