using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Bot.Channels;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Teams;

/// <summary>
/// Invoke activities, answered inside the HTTP response as Teams requires: Teams' own feedback buttons
/// (<c>message/submitAction</c>, protocols.md A4/B5) and our card's Universal Actions (<c>adaptiveCard/action</c>, B4).
/// Any other invoke name gets 501, as the Bot Framework's ActivityHandler answers. A vote counts only in the
/// conversation its answer was given in (the verified activity's conversation id).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class TeamsInvokeHandler(
    VoteRecorder votes,
    TeamsReplyStore replies,
    AdaptiveCardRenderer renderer,
    ChannelWorkQueue queue,
    TeamsResponder responder,
    ILogger<TeamsInvokeHandler> logger)
{
    /// <summary>The invoke of Teams' built-in 👍/👎.</summary>
    public const string SubmitActionName = "message/submitAction";

    /// <summary>The invoke of an Adaptive Card Action.Execute.</summary>
    public const string AdaptiveCardActionName = "adaptiveCard/action";

    /// <summary>Answers one authenticated invoke.</summary>
    public Task<IResult> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken) => activity.Name switch
    {
        SubmitActionName => SubmitActionAsync(activity, cancellationToken),
        AdaptiveCardActionName => CardActionAsync(activity, cancellationToken),
        _ => Task.FromResult(NotImplemented(activity.Name)),
    };

    private IResult NotImplemented(string? name)
    {
        logger.UnknownInvoke(name ?? "(none)");
        return TypedResults.StatusCode(StatusCodes.Status501NotImplemented);
    }

    private async Task<IResult> SubmitActionAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        // value = { actionName: "feedback", actionValue: { reaction: "like" | "dislike", feedback: "<json>" } }
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("actionName", out var actionName) || actionName.ValueKind != JsonValueKind.String)
        {
            logger.Refused(StatusCodes.Status400BadRequest, "message/submitAction without actionName");
            return TypedResults.BadRequest();
        }

        if (actionName.GetString() != "feedback")
        {
            return NotImplemented($"{SubmitActionName} {actionName.GetString()}");
        }

        VoteValue? vote = value.TryGetProperty("actionValue", out var actionValue) && actionValue.ValueKind == JsonValueKind.Object
                          && actionValue.TryGetProperty("reaction", out var reaction) && reaction.ValueKind == JsonValueKind.String
            ? reaction.GetString() switch
            {
                "like" => VoteValue.Up,
                "dislike" => VoteValue.Down,
                _ => null,
            }
            : null;
        if (vote is null || string.IsNullOrEmpty(activity.ReplyToId))
        {
            logger.Refused(StatusCodes.Status400BadRequest, "feedback without a like/dislike reaction or replyToId");
            return TypedResults.BadRequest();
        }

        // Teams stores nothing: the rated message is found through replyToId, the id the connector gave our reply.
        var answer = await replies.FindByActivityAsync(activity.Conversation!.Id!, activity.ReplyToId, cancellationToken);
        if (answer is null)
        {
            logger.UnknownMessage(activity.ReplyToId);
        }
        else if (await RecordAsync(activity, answer.Id, vote.Value, cancellationToken) == VoteOutcome.StoreUnavailable)
        {
            // Teams wants exactly 200 with {} here and shows no text of ours, so the voter is told in the conversation.
            var note = new ChannelWork(ChannelNames.Teams, "notice", activity.Conversation.Id!, null, ct => responder.NoteAsync(activity, ChannelTexts.VoteNotRecorded, ct));
            if (queue.TryEnqueue(note) is var result && result != EnqueueResult.Accepted)
            {
                ChannelMetrics.QueueRefused(ChannelNames.Teams, result);
            }
        }

        return TeamsEndpoints.EmptyObject();
    }

    private async Task<IResult> CardActionAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        // value = { action: { type: "Action.Execute", verb, data, … }, trigger, … }
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
        {
            return CardError(StatusCodes.Status400BadRequest, "BadRequest", "The invoke carries no Action.Execute.");
        }

        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (verb != AdaptiveCardRenderer.FeedbackVerb)
        {
            return CardError(StatusCodes.Status400BadRequest, "NotSupported", "This card action is not supported.");
        }

        var data = action.TryGetProperty("data", out var d) ? FeedbackValue.Read(d) : null;
        if (data is null)
        {
            return CardError(StatusCodes.Status400BadRequest, "BadRequest", "The feedback carries no answer id and vote.");
        }

        var vote = data.Vote == "up" ? VoteValue.Up : VoteValue.Down;
        switch (await RecordAsync(activity, data.AnswerId, vote, cancellationToken))
        {
            case VoteOutcome.UnknownAnswer:
                return CardError(StatusCodes.Status404NotFound, "NotFound", ChannelTexts.VoteUnknownAnswer);
            case VoteOutcome.StoreUnavailable:
                return CardError(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", ChannelTexts.VoteNotRecorded);
        }

        // Redraw the card with thanks in place of the buttons; without the answer at hand, say thanks as a message.
        var answer = await replies.FindByAnswerAsync(activity.Conversation!.Id!, data.AnswerId, cancellationToken);
        JsonObject response = answer is null
            ? new()
            {
                ["statusCode"] = StatusCodes.Status200OK,
                ["type"] = "application/vnd.microsoft.activity.message",
                ["value"] = "Thanks for the feedback!",
            }
            : new()
            {
                ["statusCode"] = StatusCodes.Status200OK,
                ["type"] = TeamsMessageFactory.AdaptiveCardContentType,
                ["value"] = AdaptiveCardJson.ToJsonObject(renderer.Render(AnswerView.From(answer), vote, textShownOutside: true)),
            };
        return TypedResults.Json(response);
    }

    private Task<VoteOutcome> RecordAsync(TeamsActivity activity, string answerId, VoteValue value, CancellationToken cancellationToken) =>
        votes.RecordAsync(ChannelNames.Teams, activity.Conversation!.Id!, TeamsEndpoints.UserId(activity), answerId, value, null, cancellationToken);

    // The Bot Framework's AdaptiveCardInvokeResponse error shape. Universal Actions carry the error in the body of an
    // HTTP 200 (protocols.md B4): Teams shows the message to the user; another HTTP status shows only a generic failure.
    private IResult CardError(int status, string code, string message)
    {
        logger.Refused(status, $"{AdaptiveCardActionName}: {code}");
        return TypedResults.Json(new JsonObject
        {
            ["statusCode"] = status,
            ["type"] = "application/vnd.microsoft.error",
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        });
    }
}
