namespace JobHome.Storage.SqliteHost;

/// <summary>Line-buffered, thread-safe stdout that flushes every line (what the parent reads is what was acknowledged).</summary>
public static class HostOutput
{
    private static readonly TextWriter Writer = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });

    /// <summary>Writes one line and flushes it.</summary>
    public static void WriteLine(string line) => Writer.WriteLine(line);
}
