using System.Diagnostics;
using Assistant.Bot.Cards;
using Assistant.Bot.Hosting;
using Assistant.Rag;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Channels;

/// <summary>
/// One turn, the same for every channel (Teams, Slack, playground, command line): ready check → engine → record
/// the answer → render → send. Recording runs beside the reply (<see cref="AnswerRecorder"/>): it never blocks,
/// delays or replaces the answer. The not-ready and failure notices are <see cref="ChannelTexts"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class ChannelPipeline(IAssistant assistant, AnswerRecorder recorder, QueryVoteTeacher teacher, ILogger<ChannelPipeline> logger)
{
    /// <summary>Answers <paramref name="turn"/> through <paramref name="reply"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (shutdown gave up on the turn).</exception>
    /// <remarks>A failure to deliver (the channel's service is down) propagates; everything before it is handled here.</remarks>
    public async Task<TurnOutcome> AnswerAsync<TMessage>(Turn turn, IChannelReply<TMessage> reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(reply);
        using var activity = BotTelemetry.ActivitySource.StartActivity("turn");
        activity?.SetTag("assistant.channel", reply.Channel);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await reply.BeginAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A courtesy only: the answer is still worth trying.
            Log.BeginFailed(logger, reply.Channel, exception.GetType().Name);
        }

        if (!assistant.IsReady)
        {
            Log.NotReady(logger, reply.Channel);
            ChannelMetrics.TurnNotAnswered(reply.Channel, "not_ready");
            await reply.SendNoticeAsync(ChannelTexts.NotReady, cancellationToken).ConfigureAwait(false);
            return new TurnOutcome(null, ChannelTexts.NotReady);
        }

        Answer answer;
        try
        {
            answer = await assistant.AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.EngineFailed(logger, reply.Channel, exception.GetType().Name, exception);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            ChannelMetrics.TurnNotAnswered(reply.Channel, "failed");
            await reply.SendNoticeAsync(ChannelTexts.Failure, cancellationToken).ConfigureAwait(false);
            return new TurnOutcome(null, ChannelTexts.Failure);
        }

        activity?.SetTag("assistant.answer.id", answer.Id);
        activity?.SetTag("assistant.answer.kind", answer.Kind.ToString());
        _ = recorder.Record(turn, answer);
        teacher.Remember(reply.Channel, answer);

        TMessage message;
        AnswerView view;
        using (BotTelemetry.ActivitySource.StartActivity("render"))
        {
            view = AnswerView.From(answer);
            message = reply.Render(view);
        }

        using (BotTelemetry.ActivitySource.StartActivity("send"))
        {
            await reply.SendAsync(view, message, cancellationToken).ConfigureAwait(false);
        }

        ChannelMetrics.TurnAnswered(reply.Channel, answer.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Log.Answered(logger, reply.Channel, answer.Id, answer.Kind, answer.Citations.Count);
        return new TurnOutcome(answer, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3130, Level = LogLevel.Information, Message = "Answer {AnswerId} sent on {Channel}: {Kind}, {Citations} citations")]
        public static partial void Answered(ILogger logger, string channel, string answerId, AnswerKind kind, int citations);

        [LoggerMessage(EventId = 3131, Level = LogLevel.Information, Message = "A {Channel} question arrived while the index is loading; the asker was told to wait")]
        public static partial void NotReady(ILogger logger, string channel);

        [LoggerMessage(EventId = 3132, Level = LogLevel.Error, Message = "The engine failed on a {Channel} question ({ErrorType}); the asker was told")]
        public static partial void EngineFailed(ILogger logger, string channel, string errorType, Exception exception);

        [LoggerMessage(EventId = 3133, Level = LogLevel.Debug, Message = "The {Channel} working indicator could not be shown ({ErrorType})")]
        public static partial void BeginFailed(ILogger logger, string channel, string errorType);
    }
}
