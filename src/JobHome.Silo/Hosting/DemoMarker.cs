using JobHome.Storage;

namespace JobHome.Silo.Hosting;

/// <summary>
/// Whether this start loads the demo, recorded durably in <c>demo-state</c> next to the embedded database: the file says
/// <c>loading</c> from before the database is created until the load completes, then <c>done</c>. So the demo goes into
/// a database only when this start creates it (never into one that holds an operator's data), a start after a crash
/// half-way resumes it (the import skips what is already there), and a start after completion never loads it again.
/// </summary>
internal static class DemoMarker
{
    /// <summary>Name of the marker file in the data folder.</summary>
    public const string FileName = "demo-state";

    private const string Loading = "loading";
    private const string Done = "done";

    /// <summary>What this start does about the demo, and why (for the log).</summary>
    public sealed record Decision(bool Load, bool Resume, string Reason);

    /// <summary>
    /// Decides before the store is prepared (so "the database file does not exist yet" still means empty) and, when the
    /// demo is to be loaded into a new database, writes <c>loading</c> first.
    /// </summary>
    public static Decision Decide(SiloHostOptions options, JobHomeStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        if (options.Storage != StorageKind.Embedded)
        {
            return new Decision(false, false, "the demo is loaded into embedded databases only; use jobhome import for PostgreSQL");
        }
        var marker = Path.Combine(options.DataPath, FileName);
        var state = File.Exists(marker) ? File.ReadAllText(marker).Trim() : null;
        if (state == Done)
        {
            return new Decision(false, false, "already loaded into this database");
        }
        if (!options.Demo)
        {
            return new Decision(false, false, "--no-demo");
        }
        if (state == Loading)
        {
            return new Decision(true, true, "resuming a load that did not finish");
        }
        if (File.Exists(Path.Combine(options.DataPath, storage.EmbeddedFileName)))
        {
            return new Decision(false, false, "the database existed before this start");
        }
        Write(options, Loading);
        return new Decision(true, false, "new database");
    }

    /// <summary>Records that the load completed.</summary>
    public static void Complete(SiloHostOptions options) => Write(options, Done);

    private static void Write(SiloHostOptions options, string state)
    {
        Directory.CreateDirectory(options.DataPath);
        var path = Path.Combine(options.DataPath, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(state);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
