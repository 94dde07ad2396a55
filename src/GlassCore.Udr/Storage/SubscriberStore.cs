// The UDR's persistent store (TS 29.504 data sets GlassCore serves): one ADO.NET implementation for SQLite and
// PostgreSQL. SQN updates are single compare-and-set UPDATEs, so concurrent authentications never hand out the
// same SQN and never lose an increment.
using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GlassCore.Udr.Storage;

/// <summary>A subscriber as the store returns it: decrypted K/OPc, SQN as a number.</summary>
public sealed record StoredSubscriber(string Supi, byte[] K, byte[] Opc, string Amf, long Sqn, string AuthMethod, SubscriberProfile Profile);

public enum SqnUpdate
{
    Updated,
    Conflict,
    NotFound,
}

public enum ContextPut
{
    Created,
    Replaced,
    NoSubscriber,
}

public sealed class SubscriberStore : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _pg;
    private readonly SecretCipher _cipher;
    // SQLite has one writer at a time: this process's writes go through one group-committing queue (other
    // processes, e.g. `glasscore subscriber` beside `up`, still meet the busy timeout). PostgreSQL: null.
    private SqliteWriteQueue? _sqliteWrites;

    private SubscriberStore(SqlDialect dialect, string? sqlite, NpgsqlDataSource? pg, SecretCipher cipher)
    {
        _dialect = dialect;
        _sqliteConnectionString = sqlite;
        _pg = pg;
        _cipher = cipher;
    }

    public SqlDialect Dialect => _dialect;

    /// <summary>Opens (creating when absent) an SQLite file in WAL mode and applies pending migrations.</summary>
    public static async Task<SubscriberStore> OpenSqliteAsync(string path, byte[]? secretKey, CancellationToken ct = default)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var csb = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30, Mode = SqliteOpenMode.ReadWriteCreate };
        var store = new SubscriberStore(SqlDialect.Sqlite, csb.ToString(), null, new SecretCipher(secretKey));
        try
        {
            // WAL: readers never block the writer; synchronous=NORMAL in WAL still survives a process kill.
            store._sqliteWrites = await SqliteWriteQueue.OpenAsync(csb.ToString(), ct).ConfigureAwait(false);
            await store.MigrateAsync(ct).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<SubscriberStore> OpenPostgresAsync(string connectionString, byte[]? secretKey, CancellationToken ct = default)
    {
        var store = new SubscriberStore(SqlDialect.Postgres, null, NpgsqlDataSource.Create(connectionString), new SecretCipher(secretKey));
        await store.MigrateAsync(ct).ConfigureAwait(false);
        return store;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_pg is not null)
        {
            return await _pg.OpenConnectionAsync(ct).ConfigureAwait(false);
        }
        var c = new SqliteConnection(_sqliteConnectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        return c;
    }

    private static DbCommand Command(DbConnection c, string sql, DbTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        DbCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach ((string name, object? value) in args)
        {
            DbParameter p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>
    /// Runs one write atomically: on SQLite in the group-committing queue, on PostgreSQL in its own transaction.
    /// <paramref name="work"/> gets the connection and transaction and must not commit.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _sqliteWrites is not null ? _sqliteWrites.EnqueueAsync(work, ct) : WriteOwnTransactionAsync(work, ct);

    private async Task<T> WriteOwnTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbTransaction tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        T result = await work(c, tx, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args) =>
        await WriteAsync(async (c, tx, ct2) =>
        {
            await using DbCommand cmd = Command(c, sql, tx, args);
            return await cmd.ExecuteNonQueryAsync(ct2).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using (DbCommand create = Command(c, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        foreach ((int version, string description, string sql) in SqlMigrations.Steps)
        {
            await using DbTransaction tx = await c.BeginTransactionAsync(IsolationLevel.Serializable, ct).ConfigureAwait(false);
            if (_dialect == SqlDialect.Postgres)
            {
                // Two processes starting on one fresh database must not both migrate.
                await using DbCommand lk = Command(c, "LOCK TABLE schema_migrations IN EXCLUSIVE MODE", tx);
                await lk.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using (DbCommand check = Command(c, "SELECT COUNT(*) FROM schema_migrations WHERE version = @v", tx, ("v", version)))
            {
                if (Convert.ToInt64(await check.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    continue;
                }
            }
            await using (DbCommand step = Command(c, SqlMigrations.Render(sql, _dialect), tx))
            {
                await step.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using (DbCommand mark = Command(c, "INSERT INTO schema_migrations (version, description) VALUES (@v, @d)", tx, ("v", version), ("d", description)))
            {
                await mark.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task<int> SchemaVersionAsync(CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string Columns = "supi, k, opc, secrets_encrypted, amf, sqn, auth_method, profile";

    public async Task<StoredSubscriber?> GetAsync(string supi, CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, $"SELECT {Columns} FROM subscribers WHERE supi = @s", null, ("s", supi));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? Read(r) : null;
    }

    public async Task<List<StoredSubscriber>> ListAsync(int offset, int limit, CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, $"SELECT {Columns} FROM subscribers ORDER BY supi LIMIT @l OFFSET @o", null, ("l", limit), ("o", offset));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<StoredSubscriber>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(Read(r));
        }
        return list;
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, "SELECT COUNT(*) FROM subscribers");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private StoredSubscriber Read(DbDataReader r)
    {
        string supi = r.GetString(0);
        bool enc = Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) != 0;
        byte[] k = _cipher.Unprotect(supi, (byte[])r.GetValue(1), enc);
        byte[] opc = _cipher.Unprotect(supi, (byte[])r.GetValue(2), enc);
        SubscriberProfile profile = JsonSerializer.Deserialize(r.GetString(7), UdrJsonContext.Default.SubscriberProfile) ?? new SubscriberProfile();
        return new StoredSubscriber(supi, k, opc, r.GetString(4), r.GetInt64(5), r.GetString(6), profile);
    }

    /// <summary>Inserts one subscriber; false when the SUPI exists already.</summary>
    public async Task<bool> AddAsync(SubscriberRecord s, CancellationToken ct = default) =>
        await ExecuteAsync($"INSERT INTO subscribers ({Columns}) VALUES (@s, @k, @o, @e, @a, @q, @m, @p) ON CONFLICT (supi) DO NOTHING", ct, Args(s)).ConfigureAwait(false) == 1;

    /// <summary>Replaces a subscriber's record; false when the SUPI is unknown.</summary>
    public async Task<bool> UpdateAsync(SubscriberRecord s, CancellationToken ct = default) =>
        await ExecuteAsync("UPDATE subscribers SET k = @k, opc = @o, secrets_encrypted = @e, amf = @a, sqn = @q, auth_method = @m, profile = @p WHERE supi = @s", ct, Args(s)).ConfigureAwait(false) == 1;

    public Task<bool> DeleteAsync(string supi, CancellationToken ct = default) => WriteAsync(async (c, tx, ct2) =>
    {
        await using DbCommand ctx = Command(c, "DELETE FROM context_data WHERE supi = @s", tx, ("s", supi));
        await ctx.ExecuteNonQueryAsync(ct2).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, "DELETE FROM subscribers WHERE supi = @s", tx, ("s", supi));
        return await cmd.ExecuteNonQueryAsync(ct2).ConfigureAwait(false) == 1;
    }, ct);

    /// <summary>Upserts a batch in ONE transaction: when this returns, every record of the batch is durable.</summary>
    public Task<int> ImportBatchAsync(IReadOnlyList<SubscriberRecord> batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Validated and encrypted before the write, so a bad record fails the call without occupying the writer.
        (string Name, object? Value)[][] rows = [.. batch.Select(Args)];
        if (rows.Length == 0)
        {
            return Task.FromResult(0);
        }
        return WriteAsync(async (c, tx, ct2) =>
        {
            await using DbCommand cmd = Command(c, $"INSERT INTO subscribers ({Columns}) VALUES (@s, @k, @o, @e, @a, @q, @m, @p) " +
                "ON CONFLICT (supi) DO UPDATE SET k = excluded.k, opc = excluded.opc, secrets_encrypted = excluded.secrets_encrypted, amf = excluded.amf, " +
                "sqn = excluded.sqn, auth_method = excluded.auth_method, profile = excluded.profile", tx, rows[0]);
            await cmd.PrepareAsync(ct2).ConfigureAwait(false);
            foreach ((string Name, object? Value)[] args in rows)
            {
                for (int i = 0; i < args.Length; i++)
                {
                    cmd.Parameters[i].Value = args[i].Value ?? DBNull.Value;
                }
                await cmd.ExecuteNonQueryAsync(ct2).ConfigureAwait(false);
            }
            return rows.Length;
        }, ct);
    }

    private (string, object?)[] Args(SubscriberRecord s)
    {
        Validate(s);
        byte[] k = Convert.FromHexString(s.K);
        byte[] opc = Convert.FromHexString(s.Opc);
        var profile = new SubscriberProfile { Msisdn = s.Msisdn, Slices = s.Slices, AmbrUplink = s.AmbrUplink, AmbrDownlink = s.AmbrDownlink };
        return
        [
            ("s", s.Supi),
            ("k", _cipher.Protect(s.Supi, k)),
            ("o", _cipher.Protect(s.Supi, opc)),
            ("e", _cipher.Enabled ? 1 : 0),
            ("a", s.Amf.ToUpperInvariant()),
            ("q", Convert.ToInt64(s.Sqn, 16)),
            ("m", s.AuthMethod),
            ("p", JsonSerializer.Serialize(profile, UdrJsonContext.Default.SubscriberProfile)),
        ];
    }

    /// <summary>Checks a provisioning record; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static void Validate(SubscriberRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!System.Text.RegularExpressions.Regex.IsMatch(s.Supi ?? "", "^imsi-[0-9]{5,15}$"))
        {
            throw new FormatException($"supi '{s.Supi}': expected imsi- followed by 5 to 15 digits");
        }
        RequireHex(s.K, 16, "k", s.Supi!);
        RequireHex(s.Opc, 16, "opc", s.Supi!);
        RequireHex(s.Amf, 2, "amf", s.Supi!);
        RequireHex(s.Sqn, 6, "sqn", s.Supi!);
        if (s.AuthMethod is not ("5G_AKA" or "EAP_AKA_PRIME"))
        {
            throw new FormatException($"{s.Supi}: authMethod must be 5G_AKA or EAP_AKA_PRIME");
        }
        foreach (SubscribedSlice sl in s.Slices)
        {
            if (sl.Sst is < 0 or > 255 || (sl.Sd is not null && !System.Text.RegularExpressions.Regex.IsMatch(sl.Sd, "^[A-Fa-f0-9]{6}$")))
            {
                throw new FormatException($"{s.Supi}: slice sst 0-255 and sd of 6 hex digits");
            }
        }
    }

    private static void RequireHex(string? value, int bytes, string field, string supi)
    {
        if (value is null || value.Length != bytes * 2 || !value.All(Uri.IsHexDigit))
        {
            throw new FormatException($"{supi}: {field} must be {bytes * 2} hex digits");
        }
    }

    /// <summary>Atomic compare-and-set of the SQN: Updated only if it still was <paramref name="expected"/>.</summary>
    public Task<SqnUpdate> CompareAndSetSqnAsync(string supi, long expected, long next, CancellationToken ct = default) => WriteAsync(async (c, tx, ct2) =>
    {
        await using DbCommand cmd = Command(c, "UPDATE subscribers SET sqn = @n WHERE supi = @s AND sqn = @e", tx, ("n", next), ("s", supi), ("e", expected));
        if (await cmd.ExecuteNonQueryAsync(ct2).ConfigureAwait(false) == 1)
        {
            return SqnUpdate.Updated;
        }
        return await ExistsAsync(c, tx, supi, ct2).ConfigureAwait(false) ? SqnUpdate.Conflict : SqnUpdate.NotFound;
    }, ct);

    /// <summary>Unconditional SQN write (re-synchronisation, provisioning).</summary>
    public async Task<SqnUpdate> SetSqnAsync(string supi, long sqn, CancellationToken ct = default) =>
        await ExecuteAsync("UPDATE subscribers SET sqn = @n WHERE supi = @s", ct, ("n", sqn), ("s", supi)).ConfigureAwait(false) == 1 ? SqnUpdate.Updated : SqnUpdate.NotFound;

    private static async Task<bool> ExistsAsync(DbConnection c, DbTransaction? tx, string supi, CancellationToken ct)
    {
        await using DbCommand cmd = Command(c, "SELECT COUNT(*) FROM subscribers WHERE supi = @s", tx, ("s", supi));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async Task<bool> SubscriberExistsAsync(string supi, CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        return await ExistsAsync(c, null, supi, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores per-UE context data (auth status, AMF registration, SDM subscriptions) as JSON, in the same write that
    /// checks the subscriber exists.
    /// </summary>
    public Task<ContextPut> PutContextAsync(string supi, string kind, string id, string json, CancellationToken ct = default) => WriteAsync(async (c, tx, ct2) =>
    {
        await using DbCommand del = Command(c, "DELETE FROM context_data WHERE supi = @s AND kind = @k AND id = @i", tx, ("s", supi), ("k", kind), ("i", id));
        bool existed = await del.ExecuteNonQueryAsync(ct2).ConfigureAwait(false) > 0;
        await using DbCommand ins = Command(c, "INSERT INTO context_data (supi, kind, id, body) SELECT @s, @k, @i, @b WHERE EXISTS (SELECT 1 FROM subscribers WHERE supi = @s)",
            tx, ("s", supi), ("k", kind), ("i", id), ("b", json));
        bool stored = await ins.ExecuteNonQueryAsync(ct2).ConfigureAwait(false) == 1;
        return !stored ? ContextPut.NoSubscriber : existed ? ContextPut.Replaced : ContextPut.Created;
    }, ct);

    public async Task<string?> GetContextAsync(string supi, string kind, string id, CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, "SELECT body FROM context_data WHERE supi = @s AND kind = @k AND id = @i", null, ("s", supi), ("k", kind), ("i", id));
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    /// <summary>Every context document of one kind for a subscriber (e.g. its SDM subscriptions).</summary>
    public async Task<List<string>> ListContextAsync(string supi, string kind, CancellationToken ct = default)
    {
        await using DbConnection c = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, "SELECT body FROM context_data WHERE supi = @s AND kind = @k ORDER BY id", null, ("s", supi), ("k", kind));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<string>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(r.GetString(0));
        }
        return list;
    }

    public async Task<bool> DeleteContextAsync(string supi, string kind, string id, CancellationToken ct = default) =>
        await ExecuteAsync("DELETE FROM context_data WHERE supi = @s AND kind = @k AND id = @i", ct, ("s", supi), ("k", kind), ("i", id)).ConfigureAwait(false) > 0;

    public async ValueTask DisposeAsync()
    {
        if (_sqliteWrites is not null)
        {
            await _sqliteWrites.DisposeAsync().ConfigureAwait(false);
        }
        _cipher.Dispose();
        if (_pg is not null)
        {
            await _pg.DisposeAsync().ConfigureAwait(false);
        }
    }

    public static SubscriberRecord ToRecord(StoredSubscriber s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SubscriberRecord
        {
            Supi = s.Supi,
            K = Convert.ToHexString(s.K),
            Opc = Convert.ToHexString(s.Opc),
            Amf = s.Amf,
            Sqn = s.Sqn.ToString("X12", System.Globalization.CultureInfo.InvariantCulture),
            AuthMethod = s.AuthMethod,
            Msisdn = s.Profile.Msisdn,
            Slices = s.Profile.Slices,
            AmbrUplink = s.Profile.AmbrUplink,
            AmbrDownlink = s.Profile.AmbrDownlink,
        };
    }
}
