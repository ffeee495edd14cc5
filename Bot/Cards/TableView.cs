namespace Assistant.Bot.Cards;

/// <summary>One table of an answer as every channel shows it, already cut to the shared limits.</summary>
/// <param name="Title">What was read ("servicedesk database: tickets, teams").</param>
/// <param name="Caption">How many rows, and which part is shown ("14 rows", "First 20 of 1,234 rows").</param>
/// <param name="Columns">Column headings, at most <see cref="AnswerView.MaxTableColumns"/>.</param>
/// <param name="Rows">Cells as display text, at most <see cref="AnswerView.MaxTableRows"/> rows.</param>
/// <param name="Query">The query exactly as run (cut to <see cref="AnswerView.MaxQueryLength"/>).</param>
/// <param name="QueryLanguage">"sql" or "cypher".</param>
/// <param name="DataAsOf">When the data was read, as shown ("2026-12-02 13:40 UTC").</param>
internal sealed record TableView(
    string Title,
    string Caption,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string Query,
    string QueryLanguage,
    string DataAsOf);
