namespace Assistant.Rag.Sql;

/// <summary>Which tables and columns a query may read (from the semantic file; everything introspected when it says nothing).</summary>
internal sealed class SqlExposure(IReadOnlySet<string> tables, IReadOnlySet<string> hiddenColumns)
{
    /// <summary>True when <paramref name="table"/> is exposed.</summary>
    public bool IsTable(string table) => tables.Contains(table);

    /// <summary>True when <paramref name="column"/> of <paramref name="table"/> may be read (a null column: the table as a whole).</summary>
    public bool Allows(string table, string? column) =>
        tables.Contains(table) && (column is null || column.Length == 0 || !hiddenColumns.Contains(table + "." + column));

    /// <summary>
    /// For servers without an authorizer (PostgreSQL): refuses a query naming a hidden column; the role's grants decide the
    /// tables, so a table not granted fails on the server.
    /// </summary>
    /// <exception cref="SqlRefusedException">A hidden column is named.</exception>
    public void CheckWords(string sql)
    {
        var hiddenNames = hiddenColumns.Select(c => c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var token in SqlText.Tokens(sql))
        {
            var word = token.Kind == SqlTokenKind.QuotedIdentifier ? token.Text[1..^1] : token.Kind == SqlTokenKind.Word ? token.Text : null;
            if (word is not null && hiddenNames.Contains(word))
            {
                throw new SqlRefusedException($"column '{word}' is not exposed");
            }
        }
    }
}
