using System.Diagnostics;
using System.Text;
using Assistant.Rag.Retrieval;
using SQLitePCL;

namespace Assistant.Rag.Sql;

/// <summary>
/// A SQLite file, read-only by construction: opened with SQLITE_OPEN_READONLY, every statement prepared under an
/// authorizer that allows only SELECT, reads of exposed tables and an allowlist of functions (ATTACH, PRAGMA, writes and
/// load_extension are refused by SQLite itself before anything runs), exactly one statement, and
/// <c>sqlite3_stmt_readonly</c> checked before the first step. A progress handler stops a query at the time limit.
/// </summary>
internal sealed class SqliteDatabase : ISqlDatabase
{
    private const int LowCardinality = 40;

    /// <summary>Functions a query may call: aggregates, text, number and date helpers, nothing that reaches outside.</summary>
    internal static readonly IReadOnlySet<string> AllowedFunctions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "total", "avg", "min", "max", "group_concat", "string_agg", "abs", "round", "lower", "upper",
        "length", "substr", "substring", "trim", "ltrim", "rtrim", "coalesce", "ifnull", "nullif", "iif", "instr",
        "replace", "like", "glob", "date", "time", "datetime", "julianday", "strftime", "unixepoch", "typeof", "cast",
        "printf", "format", "char", "hex", "sign", "ceil", "ceiling", "floor", "median",
    };

    private readonly string _path;
    private readonly SqlLimits _limits;

    static SqliteDatabase() => Batteries_V2.Init();

    public SqliteDatabase(string name, string path, SqlLimits limits)
    {
        Name = name;
        _path = path;
        _limits = limits;
    }

    public string Name { get; }

    public string Provider => SqlDatabaseOptions.Sqlite;

    public Task<DatabaseSchema> IntrospectAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => Introspect(cancellationToken), cancellationToken);

    public Task<TableResult> ExecuteAsync(string sql, SqlExposure exposure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Task.Run(() => Execute(sql, exposure, cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
    }

    private sqlite3 Open()
    {
        if (!File.Exists(_path))
        {
            throw new SqlExecutionException(Name, "the database file does not exist");
        }

        var rc = raw.sqlite3_open_v2(_path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = raw.sqlite3_errmsg(db).utf8_to_string();
            db.Dispose();
            throw new SqlExecutionException(Name, message);
        }

        // Belt and braces: the connection cannot load extensions even if a function slipped past the authorizer.
        raw.sqlite3_enable_load_extension(db, 0);
        return db;
    }

    private TableResult Execute(string sql, SqlExposure exposure, CancellationToken cancellationToken)
    {
        using var db = Open();
        var read = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        // Common table expressions are read like tables; what they read themselves is authorized on its own.
        var cteNames = CteNames(sql);
        string? refusal = null;
        raw.sqlite3_set_authorizer(db, (_, action, param0, param1, dbName, _) =>
        {
            var first = param0.utf8_to_string();
            var second = param1.utf8_to_string();
            switch (action)
            {
                case raw.SQLITE_SELECT:
                    return raw.SQLITE_OK;
                case raw.SQLITE_READ when first is not null && exposure.Allows(first, second):
                    read.Add(first);
                    return raw.SQLITE_OK;
                case raw.SQLITE_READ when first is not null && cteNames.Contains(first) && string.IsNullOrEmpty(dbName.utf8_to_string()):
                    return raw.SQLITE_OK;
                case raw.SQLITE_FUNCTION when second is not null && AllowedFunctions.Contains(second):
                    return raw.SQLITE_OK;
                case 33: // SQLITE_RECURSIVE: a recursive CTE over what the rest allows.
                    return raw.SQLITE_OK;
                default:
                    refusal ??= Describe(action, first, second);
                    return raw.SQLITE_DENY;
            }
        }, null);

        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail);
        using (statement)
        {
            if (refusal is not null)
            {
                throw new SqlRefusedException(refusal);
            }

            if (rc != raw.SQLITE_OK)
            {
                throw new SqlExecutionException(Name, raw.sqlite3_errmsg(db).utf8_to_string());
            }

            if (statement is null || statement.IsInvalid)
            {
                throw new SqlRefusedException("the query is empty");
            }

            if (!SqlText.IsBlank(tail))
            {
                throw new SqlRefusedException("only one statement may run");
            }

            if (raw.sqlite3_stmt_readonly(statement) == 0)
            {
                throw new SqlRefusedException("the statement would write");
            }

            var clock = Stopwatch.StartNew();
            var timedOut = false;
            raw.sqlite3_progress_handler(db, 1000, _ =>
            {
                if (clock.Elapsed > _limits.Timeout || cancellationToken.IsCancellationRequested)
                {
                    timedOut = true;
                    return 1;
                }

                return 0;
            }, null);

            var count = raw.sqlite3_column_count(statement);
            var columns = Enumerable.Range(0, count).Select(i => raw.sqlite3_column_name(statement, i).utf8_to_string() ?? $"column{i + 1}").ToList();
            var rows = new List<IReadOnlyList<object?>>();
            var total = 0;
            var bytes = 0;
            var truncated = false;
            while (true)
            {
                rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                {
                    break;
                }

                if (rc != raw.SQLITE_ROW)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (timedOut)
                    {
                        if (rows.Count > 0)
                        {
                            truncated = true;
                            break;
                        }

                        throw new SqlExecutionException(Name, $"the query ran longer than {_limits.Timeout.TotalMilliseconds:0} ms");
                    }

                    throw new SqlExecutionException(Name, raw.sqlite3_errmsg(db).utf8_to_string());
                }

                total++;
                if (rows.Count < _limits.RowLimit && !truncated)
                {
                    var row = new object?[count];
                    for (var i = 0; i < count; i++)
                    {
                        row[i] = Cell(statement, i);
                        bytes += row[i] is string s ? Encoding.UTF8.GetByteCount(s) : 8;
                    }

                    if (bytes > _limits.MaxResultBytes)
                    {
                        truncated = true;
                    }
                    else
                    {
                        rows.Add(row);
                    }
                }
                else
                {
                    truncated = true;
                }

                if (total >= _limits.CountLimit)
                {
                    break;
                }
            }

            return new TableResult("sql", Name, [.. read], sql, "sql", columns, rows, Math.Max(total, rows.Count), truncated || total > rows.Count, DateTimeOffset.UtcNow);
        }
    }

    private static HashSet<string> CteNames(string sql)
    {
        var tokens = SqlText.Tokens(sql).Where(t => t.Kind != SqlTokenKind.Comment).ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var next = tokens[i + 1].Text;
            if (tokens[i].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier && (next.Equals("as", StringComparison.OrdinalIgnoreCase) || next == "(")
                && i > 0 && (tokens[i - 1].Text.Equals("with", StringComparison.OrdinalIgnoreCase) || tokens[i - 1].Text.Equals("recursive", StringComparison.OrdinalIgnoreCase) || tokens[i - 1].Text == ","))
            {
                names.Add(tokens[i].Kind == SqlTokenKind.QuotedIdentifier ? tokens[i].Text[1..^1] : tokens[i].Text);
            }
        }

        return names;
    }

    private static object? Cell(sqlite3_stmt statement, int i) => raw.sqlite3_column_type(statement, i) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, i),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, i),
        raw.SQLITE_NULL => null,
        raw.SQLITE_BLOB => $"<{raw.sqlite3_column_bytes(statement, i)} bytes>",
        _ => raw.sqlite3_column_text(statement, i).utf8_to_string(),
    };

    private static string Describe(int action, string? first, string? second) => action switch
    {
        raw.SQLITE_READ => $"'{first}.{second}' is not exposed",
        raw.SQLITE_FUNCTION => $"function '{second}' is not allowed",
        raw.SQLITE_ATTACH => "ATTACH is not allowed",
        raw.SQLITE_DETACH => "DETACH is not allowed",
        raw.SQLITE_PRAGMA => "PRAGMA is not allowed",
        raw.SQLITE_TRANSACTION or raw.SQLITE_SAVEPOINT => "transaction control is not allowed",
        raw.SQLITE_INSERT or raw.SQLITE_UPDATE or raw.SQLITE_DELETE => "the statement would write",
        _ => "only SELECT statements may run",
    };

    private DatabaseSchema Introspect(CancellationToken cancellationToken)
    {
        using var db = Open();
        var names = Strings(db, "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name");
        var tables = new List<TableSchema>();
        foreach (var table in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var quoted = SqlText.Quote(table);
            var rowCount = Query(db, $"SELECT count(*) FROM {quoted}").Select(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)).Single();
            var columns = new List<ColumnSchema>();
            foreach (var info in Query(db, $"SELECT name, type, pk FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')"))
            {
                var column = (string)info[0]!;
                var type = info[1] as string ?? string.Empty;
                var values = IsText(type) ? LowCardinalityValues(db, quoted, SqlText.Quote(column)) : [];
                columns.Add(new ColumnSchema(column, type, info[2] is long pk && pk > 0, values));
            }

            var keys = Query(db, $"SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('{table.Replace("'", "''", StringComparison.Ordinal)}')")
                .Select(r => new ForeignKeySchema((string)r[0]!, (string)r[1]!, r[2] as string ?? string.Empty))
                .ToList();
            tables.Add(new TableSchema(table, columns, keys, rowCount));
        }

        return new DatabaseSchema(Name, Provider, tables, DateTimeOffset.UtcNow);
    }

    private static bool IsText(string type) =>
        type.Length == 0 || type.Contains("char", StringComparison.OrdinalIgnoreCase) || type.Contains("text", StringComparison.OrdinalIgnoreCase) || type.Contains("clob", StringComparison.OrdinalIgnoreCase);

    private static List<string> LowCardinalityValues(sqlite3 db, string table, string column)
    {
        var values = Query(db, $"SELECT DISTINCT CAST({column} AS TEXT) FROM {table} WHERE {column} IS NOT NULL AND typeof({column}) = 'text' LIMIT {LowCardinality + 1}")
            .Select(r => r[0] as string).OfType<string>().ToList();
        return values.Count > LowCardinality ? [] : values;
    }

    private static List<string> Strings(sqlite3 db, string sql) => Query(db, sql).Select(r => r[0] as string).OfType<string>().ToList();

    private static List<object?[]> Query(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
            }

            var rows = new List<object?[]>();
            var count = raw.sqlite3_column_count(statement);
            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            {
                var row = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    row[i] = Cell(statement, i);
                }

                rows.Add(row);
            }

            return rows;
        }
    }
}
