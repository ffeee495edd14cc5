using Assistant.Rag.Evaluation;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Cli;

/// <summary><c>eval --dump-routes file</c>: each query's raw route results as JSON lines (<see cref="RouteDumpWriter"/>).</summary>
internal static class RouteDump
{
    /// <summary>Writes the dump; returns the exit code (2 with a message when the file cannot be written).</summary>
    public static async Task<int> WriteAsync(FileInfo file, BeirDataset dataset, IServiceProvider services, KnowledgeIndex index, IReadOnlyList<(string Id, string Text)> queries, CancellationToken cancellationToken)
    {
        StreamWriter writer;
        try
        {
            writer = new StreamWriter(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot write {file.FullName}: {exception.Message}").ConfigureAwait(false);
            return 2;
        }

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
        return 0;
    }
}
