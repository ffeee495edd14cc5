using System.Globalization;
using System.Text;
using Assistant.Rag.Retrieval;
using Npgsql;

namespace Assistant.Rag.Sql;

/// <summary>
/// A PostgreSQL database behind a SELECT-only role. Before execution: exactly one SELECT (or WITH … SELECT) statement, no
/// function or catalog that reaches the server's files, settings, large objects or other databases, no locking or
/// SELECT INTO. Then every query runs in a READ ONLY transaction with a local statement_timeout, and is rolled back.
/// </summary>
internal sealed class PostgresDatabase : ISqlDatabase
{
    private const int LowCardinality = 40;

    private static readonly HashSet<string> ForbiddenWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "set_config", "current_setting", "copy", "into", "lock", "for", "nextval", "setval", "dblink", "information_schema",
        "query_to_xml", "query_to_xml_and_xmlschema", "table_to_xml", "table_to_xmlschema", "cursor_to_xml", "schema_to_xml",
        "database_to_xml", "xmlparse", "txid_current", "listen", "notify", "prepare", "execute", "do", "call", "vacuum",
        "insert", "update", "delete", "merge", "create", "drop", "alter", "truncate", "grant", "revoke", "set", "reset",
        "begin", "commit", "rollback", "savepoint", "analyze", "refresh", "discard", "load", "import", "security", "show",
    };

    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlLimits _limits;

    public PostgresDatabase(string name, string connectionString, SqlLimits limits)
    {
        Name = name;
        _limits = limits;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string Provider => SqlDatabaseOptions.Postgres;

    /// <summary>Refuses what may not run, before anything is sent to the server.</summary>
    /// <exception cref="SqlRefusedException">The query is not one plain read.</exception>
    public static void Check(string sql)
    {
        var tokens = SqlText.Tokens(sql).Where(t => t.Kind != SqlTokenKind.Comment).ToList();
        while (tokens.Count > 0 && tokens[^1] is { Kind: SqlTokenKind.Symbol, Text: ";" })
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        if (tokens.Count == 0)
        {
            throw new SqlRefusedException("the query is empty");
        }

        if (tokens[0].Kind != SqlTokenKind.Word || !(tokens[0].Text.Equals("select", StringComparison.OrdinalIgnoreCase) || tokens[0].Text.Equals("with", StringComparison.OrdinalIgnoreCase)))
        {
            throw new SqlRefusedException("only SELECT statements may run");
        }

        foreach (var token in tokens)
        {
            if (token is { Kind: SqlTokenKind.Symbol, Text: ";" })
            {
                throw new SqlRefusedException("only one statement may run");
            }

            if (token.Kind == SqlTokenKind.Symbol && token.Text is "\\")
            {
                throw new SqlRefusedException("backslash commands are not allowed");
            }

            if (token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
            {
                var word = token.Kind == SqlTokenKind.QuotedIdentifier ? token.Text[1..^1] : token.Text;
                var folded = word.Normalize(NormalizationForm.FormKC);
                if (folded.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || folded.StartsWith("lo_", StringComparison.OrdinalIgnoreCase)
                    || folded.StartsWith("dblink", StringComparison.OrdinalIgnoreCase) || ForbiddenWords.Contains(folded)
                    || !folded.All(c => c < 128))
                {
                    throw new SqlRefusedException($"'{word}' is not allowed");
                }
            }

            if (token.Kind == SqlTokenKind.String && tokens.Any(t => t.End == token.Start && t is { Kind: SqlTokenKind.Word, Text: "e" or "E" or "u&" or "U&" }))
            {
                throw new SqlRefusedException("escape and dollar-quoted strings are not allowed");
            }

            if (token is { Kind: SqlTokenKind.Symbol, Text: "$" })
            {
                throw new SqlRefusedException("dollar-quoted strings are not allowed");
            }
        }
    }

    public async Task<TableResult> ExecuteAsync(string sql, SqlExposure exposure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        Check(sql);
        exposure.CheckWords(sql);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var setup = new NpgsqlCommand(
                $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {(int)_limits.Timeout.TotalMilliseconds}; SET LOCAL idle_in_transaction_session_timeout = {(int)_limits.Timeout.TotalMilliseconds * 2}",
                connection, transaction))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = (int)Math.Ceiling(_limits.Timeout.TotalSeconds) + 1 };
            var rows = new List<IReadOnlyList<object?>>();
            var total = 0;
            var bytes = 0;
            var truncated = false;
            List<string> columns;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                while (total < _limits.CountLimit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    total++;
                    if (rows.Count >= _limits.RowLimit || truncated)
                    {
                        truncated = true;
                        continue;
                    }

                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = Cell(reader.IsDBNull(i) ? null : reader.GetValue(i));
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
            }

            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            var objects = SqlText.Tokens(sql).Where(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
                .Select(t => t.Kind == SqlTokenKind.QuotedIdentifier ? t.Text[1..^1] : t.Text)
                .Where(exposure.IsTable).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            return new TableResult("sql", Name, objects, sql, "sql", columns, rows, total, truncated || total > rows.Count, DateTimeOffset.UtcNow);
        }
        catch (PostgresException exception)
        {
            throw new SqlExecutionException(Name, exception.SqlState == PostgresErrorCodes.QueryCanceled ? $"the query ran longer than {_limits.Timeout.TotalMilliseconds:0} ms" : exception.MessageText, exception);
        }
        catch (NpgsqlException exception)
        {
            throw new SqlExecutionException(Name, "the server could not be reached", exception);
        }
    }

    public async Task<DatabaseSchema> IntrospectAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var names = (await QueryAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE','VIEW') ORDER BY table_name", cancellationToken).ConfigureAwait(false))
                .Select(r => (string)r[0]!).ToList();
            var keys = await QueryAsync(connection, """
                SELECT tc.table_name, kcu.column_name, tc.constraint_type, ccu.table_name, ccu.column_name
                FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
                LEFT JOIN information_schema.constraint_column_usage ccu ON tc.constraint_type = 'FOREIGN KEY' AND tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
                WHERE tc.table_schema = current_schema() AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
                """, cancellationToken).ConfigureAwait(false);
            var tables = new List<TableSchema>();
            foreach (var table in names)
            {
                var quoted = SqlText.Quote(table);
                var count = Convert.ToInt64((await QueryAsync(connection, $"SELECT count(*) FROM {quoted}", cancellationToken).ConfigureAwait(false))[0][0], CultureInfo.InvariantCulture);
                var columns = new List<ColumnSchema>();
                var info = await QueryAsync(connection, $"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = {SqlText.Literal(table)} ORDER BY ordinal_position", cancellationToken).ConfigureAwait(false);
                foreach (var row in info)
                {
                    var column = (string)row[0]!;
                    var type = (string)row[1]!;
                    IReadOnlyList<string> values = [];
                    if (type is "text" or "character varying" or "character")
                    {
                        var distinct = (await QueryAsync(connection, $"SELECT DISTINCT {SqlText.Quote(column)}::text FROM {quoted} WHERE {SqlText.Quote(column)} IS NOT NULL LIMIT {LowCardinality + 1}", cancellationToken).ConfigureAwait(false))
                            .Select(r => (string)r[0]!).ToList();
                        values = distinct.Count > LowCardinality ? [] : distinct;
                    }

                    var isKey = keys.Any(k => (string)k[0]! == table && (string)k[1]! == column && (string)k[2]! == "PRIMARY KEY");
                    columns.Add(new ColumnSchema(column, type, isKey, values));
                }

                var foreign = keys.Where(k => (string)k[0]! == table && (string)k[2]! == "FOREIGN KEY" && k[3] is string)
                    .Select(k => new ForeignKeySchema((string)k[1]!, (string)k[3]!, (string)k[4]!)).ToList();
                tables.Add(new TableSchema(table, columns, foreign, count));
            }

            return new DatabaseSchema(Name, Provider, tables, DateTimeOffset.UtcNow);
        }
        catch (NpgsqlException exception)
        {
            throw new SqlExecutionException(Name, "introspection failed: " + exception.Message, exception);
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private static object? Cell(object? value) => value switch
    {
        null => null,
        short or int or long or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        bool b => b,
        string s => s,
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static async Task<List<object?[]>> QueryAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
