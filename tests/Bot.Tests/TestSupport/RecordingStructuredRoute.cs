using System.Collections.Concurrent;
using Assistant.Rag.Retrieval;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>A structured route that declines every question and records the votes it is told of.</summary>
internal sealed class RecordingStructuredRoute(string name) : IStructuredRoute
{
    public string Name { get; } = name;

    public string Description => $"the {Name} test route";

    public ConcurrentQueue<(string Question, string? ExampleId, string Query, string UserId, bool Helpful)> Votes { get; } = new();

    public Task<StructuredReply> AnswerAsync(StructuredQuestion question, CancellationToken cancellationToken = default) =>
        Task.FromResult(StructuredReply.Declined([]));

    public Task RecordVoteAsync(string question, string? exampleId, string query, string userId, bool helpful, CancellationToken cancellationToken = default)
    {
        Votes.Enqueue((question, exampleId, query, userId, helpful));
        return Task.CompletedTask;
    }
}
