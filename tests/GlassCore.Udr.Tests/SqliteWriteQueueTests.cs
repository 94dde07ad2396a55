// The SQLite group commit (SqliteWriteQueue): concurrent writes share transactions, yet each write is all or nothing
// on its own: a write that fails inside a batch undoes only itself, and every acknowledged write is on disk.
using System.Data.Common;
using GlassCore.Udr.Storage;
using Microsoft.Data.Sqlite;

namespace GlassCore.Udr.Tests;

public sealed class SqliteWriteQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> Insert(DbConnection c, DbTransaction tx, int n, CancellationToken ct)
    {
        await using DbCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO t (n) VALUES ({n})";
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    [Fact]
    public async Task ConcurrentWrites_OneFailsHalfway_OnlyItsOwnRowsAreUndone()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gc-wq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "q.db") }.ToString();
        try
        {
            await using (SqliteWriteQueue queue = await SqliteWriteQueue.OpenAsync(cs, Ct))
            {
                await queue.EnqueueAsync(async (c, tx, ct) =>
                {
                    await using DbCommand cmd = c.CreateCommand();
                    cmd.Transaction = tx;
                    cmd.CommandText = "CREATE TABLE t (n INTEGER PRIMARY KEY); INSERT INTO t (n) VALUES (-1)";
                    return await cmd.ExecuteNonQueryAsync(ct);
                }, Ct);
                // 300 writes in flight at once, so they are drained in shared transactions; write 150 inserts a row
                // and then fails, and write 151 violates the primary key of the row inserted first.
                Task<int>[] writes = [.. Enumerable.Range(0, 300).Select(i => Task.Run(() => queue.EnqueueAsync(async (c, tx, ct) =>
                {
                    int rows = await Insert(c, tx, i == 151 ? -1 : i, ct);
                    if (i == 150)
                    {
                        rows += await Insert(c, tx, 10_000, ct);
                        throw new InvalidOperationException("write 150 fails after its first insert");
                    }
                    return rows;
                }, Ct), Ct))];
                for (int i = 0; i < writes.Length; i++)
                {
                    if (i is 150 or 151)
                    {
                        await Assert.ThrowsAnyAsync<Exception>(() => writes[i]);
                    }
                    else
                    {
                        Assert.Equal(1, await writes[i]);
                    }
                }
            }
            // A fresh connection after the queue closed: every acknowledged row is there, nothing of the failed ones.
            await using var check = new SqliteConnection(cs);
            await check.OpenAsync(Ct);
            await using SqliteCommand q = check.CreateCommand();
            q.CommandText = "SELECT COUNT(*), SUM(n), MAX(n) FROM t";
            await using SqliteDataReader r = await q.ExecuteReaderAsync(Ct);
            Assert.True(await r.ReadAsync(Ct));
            Assert.Equal(1 + 298, r.GetInt64(0));
            Assert.Equal(-1 + Enumerable.Range(0, 300).Where(i => i is not (150 or 151)).Sum(), r.GetInt64(1));
            Assert.Equal(299, r.GetInt64(2));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task CancelledBeforeItRuns_IsNotWritten()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gc-wq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "q.db") }.ToString();
        try
        {
            await using SqliteWriteQueue queue = await SqliteWriteQueue.OpenAsync(cs, Ct);
            bool ran = false;
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            Task<int> w = queue.EnqueueAsync((_, _, _) =>
            {
                ran = true;
                return Task.FromResult(1);
            }, cancelled.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => w);
            Assert.False(ran);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
