using System.Collections.Concurrent;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels;

/// <summary>
/// Lets votes on a query's answer teach the structured route that wrote it: the pipeline remembers each
/// <see cref="AnswerKind.Queried"/> answer (question, example, query); a vote recorded on it is handed to the route's
/// <see cref="IStructuredRoute.RecordVoteAsync"/>, which learns once enough distinct people agree. Channels whose votes
/// must not teach (<see cref="FeedbackOptions.IgnoredChannels"/>, e.g. the playground) teach nothing here either.
/// </summary>
/// <remarks>
/// Thread-safe. At most <see cref="MaxRemembered"/> answers are kept, oldest forgotten first: a vote on an answer older
/// than that is still recorded, it only does not teach. A route that fails to learn costs the lesson, never the vote.
/// </remarks>
internal sealed partial class QueryVoteTeacher(IEnumerable<IStructuredRoute> routes, IOptionsMonitor<FeedbackOptions> feedback, ILogger<QueryVoteTeacher> logger)
{
    /// <summary>Queried answers remembered for their votes.</summary>
    public const int MaxRemembered = 10_000;

    private readonly IReadOnlyList<IStructuredRoute> _routes = [.. routes];
    private readonly ConcurrentDictionary<string, Lesson> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Remembers <paramref name="answer"/> when a structured route wrote it (from a stored example or with an LLM).</summary>
    public void Remember(string channel, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Kind != AnswerKind.Queried || answer.Tables.Count == 0)
        {
            return;
        }

        var table = answer.Tables[0];
        if (_answers.TryAdd(answer.Id, new Lesson(channel, table.Route, answer.StandaloneQuestion, answer.QueryExampleId, table.Query)))
        {
            _order.Enqueue(answer.Id);
            while (_answers.Count > MaxRemembered && _order.TryDequeue(out var oldest))
            {
                _answers.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>Hands a recorded vote of <paramref name="userId"/> on <paramref name="answerId"/> to the route that answered it, if any.</summary>
    public async Task TeachAsync(string answerId, string userId, VoteValue value, CancellationToken cancellationToken)
    {
        if (!_answers.TryGetValue(answerId, out var lesson)
            || feedback.CurrentValue.IgnoredChannels.Contains(lesson.Channel, StringComparer.Ordinal)
            || _routes.FirstOrDefault(r => r.Name == lesson.Route) is not { } route)
        {
            return;
        }

        try
        {
            await route.RecordVoteAsync(lesson.Question, lesson.ExampleId, lesson.Query, userId, value == VoteValue.Up, cancellationToken).ConfigureAwait(false);
            Log.Taught(logger, lesson.Route, answerId, value);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.TeachFailed(logger, lesson.Route, answerId, exception.GetType().Name);
        }
    }

    private sealed record Lesson(string Channel, string Route, string Question, string? ExampleId, string Query);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3140, Level = LogLevel.Debug, Message = "The {Route} route was told of a {Value} vote on answer {AnswerId}")]
        public static partial void Taught(ILogger logger, string route, string answerId, VoteValue value);

        [LoggerMessage(EventId = 3141, Level = LogLevel.Warning, Message = "The {Route} route could not learn from the vote on answer {AnswerId} ({ErrorType}); the vote itself is recorded")]
        public static partial void TeachFailed(ILogger logger, string route, string answerId, string errorType);
    }
}
