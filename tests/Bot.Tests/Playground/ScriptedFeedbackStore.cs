using System.Collections.Concurrent;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Playground;

/// <summary>An in-memory <see cref="IFeedbackStore"/> that keeps what it was given, for assertions.</summary>
internal sealed class ScriptedFeedbackStore : IFeedbackStore
{
    private readonly ConcurrentDictionary<string, (Turn Turn, Answer Answer)> _answers = new();
    private readonly ConcurrentDictionary<(string AnswerId, string UserId), Vote> _votes = new();

    /// <summary>The answers recorded, by id.</summary>
    public IReadOnlyDictionary<string, (Turn Turn, Answer Answer)> Answers => _answers;

    /// <summary>Every vote recorded, one per answer and user.</summary>
    public IReadOnlyCollection<Vote> Votes => [.. _votes.Values];

    /// <summary>True: every write fails as a store that is down does.</summary>
    public bool Unavailable { get; set; }

    public Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default)
    {
        if (Unavailable)
        {
            throw new FeedbackStoreException("The scripted store is down.");
        }

        _answers.TryAdd(answer.Id, (turn, answer));
        return Task.CompletedTask;
    }

    public Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        if (Unavailable)
        {
            throw new FeedbackStoreException("The scripted store is down.");
        }

        // Bound to the conversation that was answered, as the real stores are.
        if (!_answers.TryGetValue(vote.AnswerId, out var answered)
            || answered.Turn.Channel != vote.Channel
            || answered.Turn.ConversationId != vote.ConversationId)
        {
            return Task.FromResult(false);
        }

        _votes[(vote.AnswerId, vote.UserId)] = vote;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Vote>>([.. _votes.Values.Where(v => v.AnswerId == answerId)]);
}
