// Opens a fresh subscriber store on SQLite (a temp file) or PostgreSQL (the throwaway server ./test.sh starts via
// scripts/pg-throwaway.sh, found through $GLASSCORE_PG; tests skip visibly without it).
using GlassCore.Udr.Storage;
using Npgsql;

namespace GlassCore.Udr.Tests;

internal static class StoreFactory
{
    public static TheoryData<string> Backends => new() { "sqlite", "postgres" };

    public static async Task<(SubscriberStore Store, Func<Task> Cleanup)> OpenAsync(string backend, byte[]? key = null)
    {
        if (backend == "sqlite")
        {
            string dir = Path.Combine(Path.GetTempPath(), "gc-udr-" + Guid.NewGuid().ToString("N"));
            SubscriberStore s = await SubscriberStore.OpenSqliteAsync(Path.Combine(dir, "t.db"), key);
            return (s, async () =>
            {
                await s.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            });
        }
        string? cs = Environment.GetEnvironmentVariable("GLASSCORE_PG");
        Assert.SkipWhen(string.IsNullOrEmpty(cs), "no PostgreSQL server: set GLASSCORE_PG (./test.sh starts one with scripts/pg-throwaway.sh)");
        // One database per test so tests do not see each other's rows.
        string db = "gc_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(cs))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {db}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var csb = new NpgsqlConnectionStringBuilder(cs) { Database = db, MaxPoolSize = 50 };
        SubscriberStore store = await SubscriberStore.OpenPostgresAsync(csb.ToString(), key);
        return (store, async () =>
        {
            await store.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(cs);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {db} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public static SubscriberRecord Record(string supi, string sqn = "000000000020") => new()
    {
        Supi = supi,
        K = "000102030405060708090A0B0C0D0E0F",
        Opc = "0F0E0D0C0B0A09080706050403020100",
        Sqn = sqn,
        Msisdn = "0123456789",
        Slices = [new SubscribedSlice { Sst = 1, Sd = "010203", Dnns = ["internet", "ims"] }],
    };
}
