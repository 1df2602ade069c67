using System.Text;

namespace JobHome.Cli.Demo;

/// <summary>
/// A set of output files written to temporary names in the target folder and renamed into place only when all
/// are complete, so readers never see a half-written file; on failure the temporaries are deleted.
/// </summary>
internal sealed class AtomicFileSet : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly List<(string Temp, string Final, StreamWriter Writer)> _files = [];
    private bool _committed;

    public StreamWriter Open(string directory, string fileName)
    {
        var final = Path.Combine(directory, fileName);
        var temp = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
        var writer = new StreamWriter(temp, append: false, Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\n" };
        _files.Add((temp, final, writer));
        return writer;
    }

    public void Commit()
    {
        foreach (var (_, _, writer) in _files)
        {
            writer.Flush();
            writer.Dispose();
        }
        foreach (var (temp, final, _) in _files)
        {
            File.Move(temp, final, overwrite: true);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        foreach (var (temp, _, writer) in _files)
        {
            writer.Dispose();
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
