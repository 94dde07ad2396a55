// SQLite (https://sqlite.org/wal.html, https://sqlite.org/lang_savepoint.html) admits one writer at a time. Rather
// than every request taking turns on a lock and paying a commit each, the store's writes go through this queue: one
// loop on one connection runs whatever has accumulated in ONE transaction (group commit), each operation inside its
// own savepoint so that a failing operation undoes only itself. A write's task completes after its batch committed.
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace GlassCore.Udr.Storage;

internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Operations per transaction at most, so one commit never waits for an unbounded batch.</summary>
    internal const int MaxBatch = 512;

    private readonly SqliteConnection _connection;
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    private SqliteWriteQueue(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Opens the writer's own connection (WAL, synchronous=NORMAL: a commit survives a killed process).</summary>
    public static async Task<SqliteWriteQueue> OpenAsync(string connectionString, CancellationToken ct)
    {
        var c = new SqliteConnection(connectionString);
        try
        {
            await c.OpenAsync(ct).ConfigureAwait(false);
            await using SqliteCommand cmd = c.CreateCommand();
            // synchronous is a per-connection setting: it must be set on the connection that commits.
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new SqliteWriteQueue(c);
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> inside the writer's transaction; it must not commit or roll back itself.</summary>
    public Task<T> EnqueueAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var op = new Operation<T>(work, ct);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(op), this);
        return op.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Operation>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out Operation? op))
            {
                if (!op.TryCancel())
                {
                    batch.Add(op);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                await using SqliteTransaction tx = _connection.BeginTransaction(deferred: false);
                foreach (Operation op in batch)
                {
                    tx.Save("op");
                    try
                    {
                        // Once started, an operation runs to its end: cancelling half a write is not an option.
                        await op.RunAsync(_connection, tx).ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // whatever one operation throws is that operation's failure, never the loop's
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        tx.Rollback("op");
                        op.Failed(e);
                    }
                    tx.Release("op");
                }
                tx.Commit();
                foreach (Operation op in batch)
                {
                    op.Complete();
                }
            }
#pragma warning disable CA1031 // the loop outlives a failed batch: its callers get the error
            catch (Exception e)
#pragma warning restore CA1031
            {
                // The commit (or the transaction itself) failed: nothing of this batch is stored.
                foreach (Operation op in batch)
                {
                    op.Abort(e);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private abstract class Operation
    {
        public abstract bool TryCancel();
        public abstract Task RunAsync(SqliteConnection c, SqliteTransaction tx);
        public abstract void Failed(Exception e);
        public abstract void Complete();
        public abstract void Abort(Exception e);
    }

    private sealed class Operation<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) : Operation
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override bool TryCancel() => ct.IsCancellationRequested && _done.TrySetCanceled(ct);

        public override async Task RunAsync(SqliteConnection c, SqliteTransaction tx) => _result = await work(c, tx, CancellationToken.None).ConfigureAwait(false);

        public override void Failed(Exception e) => _error = e;

        public override void Complete()
        {
            if (_error is not null)
            {
                _done.TrySetException(_error);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        public override void Abort(Exception e) => _done.TrySetException(_error ?? e);
    }
}
