using System.Collections.Concurrent;
using Assistant.Rag;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Playground;

/// <summary>An <see cref="IAssistant"/> that answers every turn with the same scripted answer, under a fresh id.</summary>
internal sealed class ScriptedAssistant : IAssistant
{
    private int _count;

    /// <summary>What <see cref="IsReady"/> returns; tests set it false to see 503.</summary>
    public bool Ready { get; set; } = true;

    /// <summary>The answer given, with its id replaced by "ans-1", "ans-2", ….</summary>
    public Answer Script { get; set; } = TestSupport.Answers.Normal();

    /// <summary>When set, <see cref="AnswerAsync"/> throws it, as a broken engine would.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every turn received, in order.</summary>
    public ConcurrentQueue<Turn> Turns { get; } = new();

    public bool IsReady => Ready;

    public Task<Answer> AnswerAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Turns.Enqueue(turn);
        if (Failure is { } failure)
        {
            throw failure;
        }

        var id = $"ans-{Interlocked.Increment(ref _count)}";
        return Task.FromResult(Script with { Id = id, StandaloneQuestion = turn.Text });
    }
}
