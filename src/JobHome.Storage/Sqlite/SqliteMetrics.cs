using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// Where a write and a stream message wait in the embedded store (meter <see cref="MeterName"/>, milliseconds):
/// <see cref="WriteWaitName"/> from a caller's queuing to its batch's commit (the writer's queue plus the commit),
/// <see cref="CommitName"/> one batch transaction from begin to commit (the statements and the fsync), and
/// <see cref="StreamReadLagName"/> from a stream row's batch start on the writer to a receiver's read of it (commit,
/// wake-up or poll, the read); and two counters: <see cref="WritesName"/>, committed writes by kind (tags <c>kind</c>,
/// and for grain state <c>grain</c> and <c>state</c>), <see cref="AcknowledgedName"/>, stream rows deleted by a
/// consumer's acknowledgement inside its own state write, and <see cref="OutboxName"/>, stream rows inserted inside their
/// publisher's state write (no enqueue write of their own). Read them with <c>dotnet-counters</c> or an exporter.
/// </summary>
public static class SqliteMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JobHome.Storage";

    /// <summary>The write wait histogram's name.</summary>
    public const string WriteWaitName = "jobhome.storage.write_wait";

    /// <summary>The batch commit histogram's name.</summary>
    public const string CommitName = "jobhome.storage.commit";

    /// <summary>The stream read lag histogram's name.</summary>
    public const string StreamReadLagName = "jobhome.storage.stream_read_lag";

    /// <summary>The committed-writes counter's name.</summary>
    public const string WritesName = "jobhome.storage.writes";

    /// <summary>The counter of stream rows deleted with a consumer's state write.</summary>
    public const string AcknowledgedName = "jobhome.storage.stream_acknowledged";

    /// <summary>The counter of stream rows inserted with their publisher's state write.</summary>
    public const string OutboxName = "jobhome.storage.stream_outbox";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(WritesName, "{write}",
        "Writes committed by the embedded store's writer, by kind (state per grain type and state, stream, reminders)");

    private static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>(AcknowledgedName, "{row}",
        "Stream queue rows deleted in the transaction of their consumer's state write (no confirmation write of their own)");

    private static readonly Counter<long> Outbox = Meter.CreateCounter<long>(OutboxName, "{row}",
        "Stream queue rows inserted in the transaction of their publisher's state write (no enqueue write of their own)");

    private static readonly Histogram<double> WriteWait = Meter.CreateHistogram<double>(WriteWaitName, "ms",
        "Time from queuing a write on the embedded store's writer to the commit of its batch");

    private static readonly Histogram<double> Commit = Meter.CreateHistogram<double>(CommitName, "ms",
        "Duration of one batch transaction of the embedded store's writer, begin to commit");

    private static readonly Histogram<double> StreamReadLag = Meter.CreateHistogram<double>(StreamReadLagName, "ms",
        "Time from a stream row's batch on the writer to a receiver's read of it");

    internal static void RecordBatch(long started, long committed)
    {
        if (Commit.Enabled)
        {
            Commit.Record(Stopwatch.GetElapsedTime(started, committed).TotalMilliseconds);
        }
    }

    internal static void RecordWriteWait(long queued, long committed)
    {
        if (WriteWait.Enabled)
        {
            WriteWait.Record(Stopwatch.GetElapsedTime(queued, committed).TotalMilliseconds);
        }
    }

    internal static void RecordWrite(SqliteWriteLabel label)
    {
        if (!Writes.Enabled)
        {
            return;
        }

        if (label.Grain is null)
        {
            Writes.Add(1, new KeyValuePair<string, object?>("kind", label.Kind));
        }
        else
        {
            Writes.Add(1, new("kind", label.Kind), new("grain", label.Grain), new("state", label.State));
        }
    }

    internal static void RecordAcknowledged(int rows)
    {
        if (Acknowledged.Enabled)
        {
            Acknowledged.Add(rows);
        }
    }

    internal static void RecordOutbox(int rows)
    {
        if (Outbox.Enabled)
        {
            Outbox.Add(rows);
        }
    }

    internal static void RecordStreamReadLag(long enqueuedAtMicroseconds, long nowMicroseconds)
    {
        if (StreamReadLag.Enabled)
        {
            StreamReadLag.Record((nowMicroseconds - enqueuedAtMicroseconds) / 1000.0);
        }
    }
}
