using Assistant.Rag.Evaluation;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Cli;

/// <summary><c>eval --dump-routes file</c>: each query's raw route results as JSON lines (<see cref="RouteDumpWriter"/>).</summary>
internal static class RouteDump
{
    public static async Task WriteAsync(FileInfo file, BeirDataset dataset, IServiceProvider services, KnowledgeIndex index, IReadOnlyList<(string Id, string Text)> queries, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(file.FullName);
        await using (writer.ConfigureAwait(false))
        {
            await RouteDumpWriter.WriteAsync(
                index,
                services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                dataset,
                queries,
                writer,
                keywordOptions: services.GetService<IOptions<KeywordIndexOptions>>()?.Value,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync($"Wrote the route results of {queries.Count} queries to {file.FullName}.").ConfigureAwait(false);
    }
}
