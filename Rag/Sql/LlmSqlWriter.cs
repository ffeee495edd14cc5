using System.Globalization;
using System.Text;
using Assistant.Rag.Llm;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Sql;

/// <summary>
/// NL2SQL with an LLM, for questions no stored example fits: the tables most like the question (with their foreign-key
/// neighbours), the values it names, the nearest examples and the dialect's notes go to the model through the call policy
/// (a structured <see cref="SqlDraft"/> reply); the query it writes goes through the same read-only guard as every other,
/// and an error (refused or failed) gets one repair round with the error's text. No reply, an unanswerable verdict, or
/// a second error: nothing is shown and the route declines.
/// </summary>
/// <remarks>Thread-safe (stateless). Questions and queries are logged at Trace only.</remarks>
internal sealed class LlmSqlWriter(ILlmCalls llm, int timeoutSeconds, ILogger logger)
{
    /// <summary>Tables sent whole when the schema has at most this many; larger schemas are cut to the relevant ones.</summary>
    public const int SmallSchema = 8;

    /// <summary>Tables picked by similarity before their foreign-key neighbours are added.</summary>
    public const int NearestTables = 3;

    /// <summary>Examples shown to the model.</summary>
    public const int ExamplesShown = 5;

    private const string SystemPrompt = """
        You write one read-only SQL query that answers an employee's question from a company database.
        Rules: exactly one SELECT statement (a WITH clause is allowed); never INSERT, UPDATE, DELETE, DDL, PRAGMA,
        ATTACH or COPY; use only the tables and columns listed; use the values exactly as listed; give result columns
        short readable names; for lists, order them sensibly and add LIMIT 50.
        If the listed tables cannot answer the question, or it asks to change data, reply answerable false with an empty sql.
        Reply with JSON only.
        """;

    /// <summary>True when a model is configured.</summary>
    public bool IsAvailable => llm.IsAvailable;

    /// <summary>
    /// Asks the model for a query answering <paramref name="question"/> over <paramref name="source"/> and runs it through
    /// <paramref name="execute"/> (the guard and limits); returns the query as run and its table, or null.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<(string Sql, TableResult Table)?> WriteAsync(
        SqlSource source,
        string question,
        DateOnly today,
        IReadOnlyList<string> tables,
        IReadOnlyList<SqlExample> examples,
        Func<string, CancellationToken, Task<TableResult>> execute,
        CancellationToken cancellationToken)
    {
        var step = LlmStep.Of(LlmStepNames.Nl2Sql, timeoutSeconds);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 600 };
        List<ChatMessage> prompt =
        [
            new(ChatRole.System, SystemPrompt + "\n\n" + Context(source, question, today, tables, examples)),
            new(ChatRole.User, question),
        ];

        for (var round = 0; round < 2; round++)
        {
            var reply = await llm.AskAsync<SqlDraft>(step, prompt, options, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk)
            {
                return null;
            }

            var draft = reply.Value!;
            if (!draft.Answerable || string.IsNullOrWhiteSpace(draft.Sql))
            {
                llm.FellBack(step, "unanswerable");
                return null;
            }

            var sql = draft.Sql.Trim();
            string error;
            try
            {
                var table = await execute(sql, cancellationToken).ConfigureAwait(false);
                SqlLog.Wrote(logger, question, sql, round);
                return (sql, table);
            }
            catch (SqlRefusedException exception)
            {
                SqlLog.Refused(logger, source.Options.Name, exception.Reason);
                error = "The guard refused it: " + exception.Reason + ".";
            }
            catch (SqlExecutionException exception)
            {
                SqlLog.Failed(logger, source.Options.Name, exception);
                error = "The database said: " + exception.Message;
            }

            prompt.Add(new ChatMessage(ChatRole.Assistant, sql));
            prompt.Add(new ChatMessage(ChatRole.User, error + "\nWrite a corrected query for the same question, following the rules."));
        }

        llm.FellBack(step, "query-failed");
        return null;
    }

    /// <summary>
    /// The tables a question most likely needs: the whole schema when it is small, else the <see cref="NearestTables"/>
    /// most similar ones, those the question's values and the nearest examples read, and their foreign-key neighbours.
    /// </summary>
    public static IReadOnlyList<string> RelevantTables(SqlSource source, IReadOnlyList<(string Table, double Score)> bySimilarity, IEnumerable<ValueMention> mentions, IEnumerable<SqlExample> examples)
    {
        var exposed = source.Schema.Tables.Where(t => source.Exposure.IsTable(t.Name)).ToList();
        if (exposed.Count <= SmallSchema)
        {
            return exposed.Select(t => t.Name).ToList();
        }

        var chosen = new HashSet<string>(bySimilarity.OrderByDescending(t => t.Score).Take(NearestTables).Select(t => t.Table), StringComparer.OrdinalIgnoreCase);
        chosen.UnionWith(mentions.Select(m => m.Column[..m.Column.IndexOf('.', StringComparison.Ordinal)]));
        foreach (var example in examples)
        {
            chosen.UnionWith(SqlText.Tokens(example.Query).Where(t => t.Kind == SqlTokenKind.Word && source.Schema.Table(t.Text) is not null).Select(t => t.Text));
        }

        foreach (var table in exposed.Where(t => chosen.Contains(t.Name)).ToList())
        {
            chosen.UnionWith(table.ForeignKeys.Select(k => k.ReferencedTable));
            chosen.UnionWith(exposed.Where(o => o.ForeignKeys.Any(k => string.Equals(k.ReferencedTable, table.Name, StringComparison.OrdinalIgnoreCase))).Select(o => o.Name));
        }

        return exposed.Where(t => chosen.Contains(t.Name)).Select(t => t.Name).ToList();
    }

    /// <summary>What the model is told besides the rules: dialect, date, tables, values named, period, examples.</summary>
    internal static string Context(SqlSource source, string question, DateOnly today, IReadOnlyList<string> tables, IReadOnlyList<SqlExample> examples)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Database: {source.Options.Name}. {source.Options.Description}\n");
        text.Append(Dialect(source.Database.Provider));
        text.Append(inv, $"Today is {today:yyyy-MM-dd}; resolve relative periods against it.\n\nTables:\n");
        foreach (var name in tables)
        {
            if (source.Schema.Table(name) is not { } table)
            {
                continue;
            }

            var semantic = source.Semantic.Tables.GetValueOrDefault(table.Name);
            text.Append(inv, $"{table.Name} ({table.RowCount} rows){(semantic is { Description.Length: > 0 } ? " — " + semantic.Description : string.Empty)}\n");
            foreach (var column in table.Columns.Where(c => source.Exposure.Allows(table.Name, c.Name)))
            {
                text.Append(inv, $"  {column.Name} {column.Type}");
                if (column.IsPrimaryKey)
                {
                    text.Append(" primary key");
                }

                if (table.ForeignKeys.FirstOrDefault(k => string.Equals(k.Column, column.Name, StringComparison.OrdinalIgnoreCase)) is { } key)
                {
                    text.Append(inv, $" → {key.ReferencedTable}.{key.ReferencedColumn}");
                }

                if (semantic?.Columns.GetValueOrDefault(column.Name) is { Length: > 0 } description)
                {
                    text.Append(" — ").Append(description);
                }

                if (column.Values.Count is > 0 and <= 12)
                {
                    text.Append(" — values: ").AppendJoin(", ", column.Values.Select(v => "'" + v + "'"));
                }

                text.Append('\n');
            }
        }

        var mentions = source.Linker.Find(question);
        if (mentions.Count > 0)
        {
            text.Append("\nThe question names these values:\n");
            foreach (var mention in mentions)
            {
                text.Append(inv, $"  \"{question.Substring(mention.Start, Math.Min(mention.Length, question.Length - mention.Start))}\" → {mention.Column} = '{mention.Value}'\n");
            }
        }

        if (PeriodParser.Find(question, today) is { } period)
        {
            text.Append(inv, $"\nThe question's period: from {period.Start:yyyy-MM-dd} (inclusive) to {period.End:yyyy-MM-dd} (exclusive).\n");
        }

        if (examples.Count > 0)
        {
            text.Append("\nExamples of questions and their queries on this database:\n");
            foreach (var example in examples.Take(ExamplesShown))
            {
                text.Append(inv, $"Q: {example.Question}\nSQL: {example.Query}\n");
            }
        }

        return text.ToString();
    }

    private static string Dialect(string provider) => provider == SqlDatabaseOptions.Postgres
        ? "Dialect: PostgreSQL. Dates are date and timestamp columns; no functions that read files, settings or other databases.\n"
        : "Dialect: SQLite. Dates and times are ISO-8601 text ('2026-03-01', '2026-03-01T09:30:00'); compare them as text or with date() and strftime(). Functions allowed: "
          + string.Join(", ", SqliteDatabase.AllowedFunctions.Order(StringComparer.Ordinal)) + ".\n";
}
