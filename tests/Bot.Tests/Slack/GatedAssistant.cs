using Assistant.Bot.Tests.Playground;
using Assistant.Rag;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Slack;

/// <summary>A <see cref="ScriptedAssistant"/> that can be held: while <see cref="Gate"/> is set, answers wait for it.</summary>
internal sealed class GatedAssistant(ScriptedAssistant inner) : IAssistant
{
    public ScriptedAssistant Inner { get; } = inner;

    /// <summary>When set, every answer waits until it completes.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public bool IsReady => Inner.IsReady;

    public async Task<Answer> AnswerAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return await Inner.AnswerAsync(turn, cancellationToken);
    }
}
