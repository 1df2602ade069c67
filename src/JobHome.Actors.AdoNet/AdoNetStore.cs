using System.Data.Common;
using System.Diagnostics;
using JobHome.Actors.AdoNet.Diagnostics;
using JobHome.Actors.AdoNet.Dialects;

namespace JobHome.Actors.AdoNet;

/// <summary>One database as the providers see it: its dialect, clock and latency metric. One per registration.</summary>
internal sealed class AdoNetStore(AdoNetDialect dialect, AdoNetStorageMetrics metrics, TimeProvider clock) : IAsyncDisposable
{
    public AdoNetDialect Dialect => dialect;

    public TimeProvider Clock => clock;

    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => dialect.OpenAsync(cancellationToken);

    /// <summary>Opens a connection for writing (queued behind this process's other writers where the dialect needs it).</summary>
    public async ValueTask<WriteScope> OpenWriteAsync(bool transaction, CancellationToken cancellationToken)
    {
        var gate = await dialect.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        DbConnection? connection = null;
        try
        {
            connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            var tx = transaction ? await dialect.BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false) : null;
            return new WriteScope(connection, tx, gate);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            gate?.Dispose();
            throw;
        }
    }

    /// <summary>Records the latency of one operation started at <paramref name="startTimestamp"/>.</summary>
    public void Record(string operation, long startTimestamp) =>
        metrics.RecordDuration(dialect.SystemName, operation, Stopwatch.GetElapsedTime(startTimestamp));

    public ValueTask DisposeAsync()
    {
        metrics.Dispose();
        return dialect.DisposeAsync();
    }
}
