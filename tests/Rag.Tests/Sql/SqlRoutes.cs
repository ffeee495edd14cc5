using Assistant.Rag.Feedback;
using Assistant.Rag.Indexes;
using Assistant.Rag.Llm;
using Assistant.Rag.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Sql;

/// <summary>Builds the SQL route as the host does: real MiniLM, a real feedback store in <c>folder</c>, and an LLM or none.</summary>
internal static class SqlRoutes
{
    public static SqlRoute Create(SqlOptions options, string folder, string contentRoot, ILlmCalls? llm = null, IFeedbackHistory? history = null, FeedbackOptions? feedback = null, ILogger<SqlRoute>? logger = null) =>
        new(
            Options.Create(options),
            new IndexFolder(folder),
            SharedModel.Embedder,
            llm ?? NoLlmCalls.Instance,
            history ?? new SqliteFeedbackStore(Path.Combine(folder, "feedback-" + Guid.NewGuid().ToString("N")[..8] + ".db")),
            Options.Create(feedback ?? new FeedbackOptions()),
            logger ?? NullLogger<SqlRoute>.Instance,
            contentRoot);
}
