using System.Data.Common;

namespace JobHome.Actors.AdoNet;

/// <summary>A write connection, its optional transaction and the writer gate it holds; disposing releases all three.</summary>
internal sealed class WriteScope(DbConnection connection, DbTransaction? transaction, IDisposable? gate) : IAsyncDisposable
{
    public DbConnection Connection => connection;

    public DbTransaction? Transaction => transaction;

    /// <summary>Creates a command enlisted in the scope's transaction.</summary>
    public DbCommand CreateCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken) =>
        transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            gate?.Dispose();
        }
    }
}
