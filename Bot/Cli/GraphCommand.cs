using System.CommandLine;
using System.Text.Json;
using Assistant.Rag.Graph;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>graph query "&lt;cypher&gt;" [--load F] [--json]</c>: runs one read query on the embedded graph (the configured
/// import file, or the script given with --load) through the same guard as the graph route, and prints the rows.
/// </summary>
internal static class GraphCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static Command Create()
    {
        var cypher = new Argument<string>("cypher") { Description = "The read query (MATCH … RETURN …)." };
        var load = new Option<FileInfo?>("--load") { Description = "A Cypher import script to load instead of the configured graph (Graph:ImportFile; unset: the embedded Fernhill Labs graph)." };
        var json = new Option<bool>("--json") { Description = "Print {\"columns\", \"rows\"} as JSON." };
        var maxRows = new Option<int>("--max-rows") { Description = "The LIMIT added when the query has none.", DefaultValueFactory = _ => 1000 };
        var query = new Command("query", "Run one read query on the embedded graph.") { cypher, load, json, maxRows };
        query.SetAction(async (parse, cancellationToken) =>
        {
            EmbeddedGraph graph;
            try
            {
                graph = parse.GetValue(load) is { } file
                    ? EmbeddedGraph.FromFile(file.FullName)
                    : GraphSettings.Load(CliHost.LoadConfiguration(), Directory.GetCurrentDirectory());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CypherSyntaxException or CypherRuntimeException)
            {
                await Console.Error.WriteLineAsync($"Cannot load the graph: {exception.Message}").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var rows = graph.Query(parse.GetValue(cypher) ?? string.Empty, maxRows: parse.GetValue(maxRows), cancellationToken: cancellationToken);
                if (parse.GetValue(json))
                {
                    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { columns = rows.Columns, rows = rows.Rows }, Json)).ConfigureAwait(false);
                }
                else
                {
                    await Console.Out.WriteLineAsync(string.Join('\t', rows.Columns)).ConfigureAwait(false);
                    foreach (var row in rows.Rows)
                    {
                        await Console.Out.WriteLineAsync(string.Join('\t', row.Select(c => c is string s ? s : JsonSerializer.Serialize(c, Json)))).ConfigureAwait(false);
                    }

                    await Console.Out.WriteLineAsync($"({rows.Rows.Count} row(s))").ConfigureAwait(false);
                }

                return 0;
            }
            catch (Exception exception) when (exception is GraphQueryRefusedException or CypherRuntimeException)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return new Command("graph", "Query the embedded knowledge graph.") { query };
    }
}
