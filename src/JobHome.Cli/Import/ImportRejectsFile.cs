using System.Text;
using JobHome.Fair.Csv;

namespace JobHome.Cli.Import;

/// <summary>
/// The rejects file of <c>jobhome import</c>, written while the import runs: the header at once, then each batch's
/// rejects as its answer arrives, flushed to the file before the next batch is counted, so an interrupted import
/// (Ctrl+C, a kill, a lost server) leaves every reject of the batches it finished. Thread-safe.
/// </summary>
internal sealed class ImportRejectsFile : IDisposable
{
    private readonly Lock _lock = new();
    private readonly StreamWriter _writer;
    private readonly CsvOutput _csv;
    private long _count;

    private ImportRejectsFile(string path, StreamWriter writer)
    {
        Path = path;
        _writer = writer;
        _csv = new CsvOutput(writer);
    }

    /// <summary>Where the rejects go.</summary>
    public string Path { get; }

    /// <summary>Rejects written so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Creates (or empties) the file at <paramref name="path"/> and writes the header; throws <see cref="IOException"/>.</summary>
    public static ImportRejectsFile Create(string path)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var file = new ImportRejectsFile(path, new StreamWriter(stream, new UTF8Encoding(false)));
        file._csv.Row(ImportReject.Columns);
        file._writer.Flush();
        return file;
    }

    /// <summary>Appends <paramref name="rejects"/> and flushes them to the file.</summary>
    public void Write(IReadOnlyCollection<ImportReject> rejects)
    {
        lock (_lock)
        {
            foreach (var reject in rejects)
            {
                _csv.Row(reject.Cells());
            }
            _writer.Flush();
            _count += rejects.Count;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }
}
