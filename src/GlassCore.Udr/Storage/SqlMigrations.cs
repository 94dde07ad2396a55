// Versioned schema of the subscriber store, the same tables on SQLite and PostgreSQL; each step runs once, in order,
// recorded in schema_migrations.
namespace GlassCore.Udr.Storage;

public enum SqlDialect
{
    Sqlite,
    Postgres,
}

internal static class SqlMigrations
{
    /// <summary>(version, description, SQL) — {BLOB} and {BIGINT} are filled per dialect.</summary>
    internal static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "subscribers and per-UE context data", """
            CREATE TABLE subscribers (
                supi TEXT PRIMARY KEY,
                k {BLOB} NOT NULL,
                opc {BLOB} NOT NULL,
                secrets_encrypted INTEGER NOT NULL,
                amf TEXT NOT NULL,
                sqn {BIGINT} NOT NULL,
                auth_method TEXT NOT NULL,
                profile TEXT NOT NULL
            );
            CREATE TABLE context_data (
                supi TEXT NOT NULL,
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (supi, kind, id)
            );
            """),
        (2, "index context data by kind", """
            CREATE INDEX context_data_kind ON context_data (kind);
            """),
    ];

    internal static string Render(string sql, SqlDialect dialect) => sql
        .Replace("{BLOB}", dialect == SqlDialect.Postgres ? "BYTEA" : "BLOB", StringComparison.Ordinal)
        .Replace("{BIGINT}", dialect == SqlDialect.Postgres ? "BIGINT" : "INTEGER", StringComparison.Ordinal);
}
