using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MyAccount.Domain.Persistence.Sqlite;

/// <summary>
/// One prepared SQLite statement run many times with positional parameters (<c>?1</c>, <c>?2</c>, …), straight on the
/// connection's native handle. For the hot write paths only: it skips ADO.NET's per-execution work (a data reader per
/// call, parameters bound by name), which costs more than SQLite's own insert. It runs in whatever transaction the
/// connection has open.
/// </summary>
internal sealed class SqliteBatchStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteBatchStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Text already encoded as UTF-8 (SQLite copies it).</summary>
    public void Bind(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Runs the statement once with the values bound; returns the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }
}
