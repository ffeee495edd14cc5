using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Channels;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Assistant.Bot.Slack;

/// <summary>
/// The Slack front end: <c>POST /slack/events</c> (Events API) and <c>POST /slack/interactivity</c> (button clicks).
/// Every request is checked against the signing secret on its raw body before anything is parsed; the work itself
/// goes to the channel queue so Slack gets its acknowledgement at once.
/// </summary>
internal static class SlackEndpoints
{
    /// <summary>The Events API request URL's path.</summary>
    public const string EventsPath = "/slack/events";

    /// <summary>The interactivity request URL's path.</summary>
    public const string InteractivityPath = "/slack/interactivity";

    /// <summary>Seconds Slack is told to wait before retrying work the bot could not take.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>How long an event id is remembered: Slack's retries come within about 6 minutes.</summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromHours(1);

    /// <summary>Maps both endpoints when Slack is configured; otherwise maps nothing, so they answer 404.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.IsConfigured)
        {
            SlackLog.Off(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints).FullName!));
            return app;
        }

        app.MapPost(EventsPath, EventsAsync).ExcludeFromDescription();
        app.MapPost(InteractivityPath, InteractivityAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> EventsAsync(
        HttpContext context,
        [FromServices] SlackSignatureVerifier verifier,
        [FromServices] ChannelWorkQueue queue,
        [FromServices] Rag.Memory.IDeduplicator deduplicator,
        [FromServices] SlackBotIdentity identity,
        [FromServices] SlackAnswerer answerer,
        [FromServices] FairUse.FairUseLimiter fairUse,
        [FromServices] SlackApiClient client,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(SlackEndpoints).FullName!);
        var (body, refusal) = await ReadVerifiedAsync(context.Request, verifier, logger, EventsPath, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (body is null)
        {
            return TypedResults.Ok();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Refuse(logger, EventsPath, StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse(logger, EventsPath, StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object.");
            }

            var type = SlackPayload.String(root, "type");
            switch (type)
            {
                case "url_verification":
                    var challenge = SlackPayload.String(root, "challenge");
                    if (string.IsNullOrEmpty(challenge))
                    {
                        return Refuse(logger, EventsPath, StatusCodes.Status400BadRequest, "Missing challenge", "url_verification needs a challenge.");
                    }

                    SlackLog.UrlVerified(logger);
                    return TypedResults.Json(new JsonObject { ["challenge"] = challenge });

                case "event_callback":
                    return await EventCallbackAsync(context, root, queue, deduplicator, identity, answerer, fairUse, client, logger, cancellationToken);

                default:
                    // app_rate_limited and whatever Slack adds later: acknowledged so Slack does not retry.
                    SlackLog.EventIgnored(logger, SlackPayload.String(root, "event_id") ?? "-", type ?? "(none)", "envelope type not handled");
                    return TypedResults.Ok();
            }
        }
    }

    private static async Task<IResult> EventCallbackAsync(
        HttpContext context,
        JsonElement root,
        ChannelWorkQueue queue,
        Rag.Memory.IDeduplicator deduplicator,
        SlackBotIdentity identity,
        SlackAnswerer answerer,
        FairUse.FairUseLimiter fairUse,
        SlackApiClient client,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var callback = SlackPayload.ReadEventCallback(root, out var problem);
        if (callback is null)
        {
            return Refuse(logger, EventsPath, StatusCodes.Status400BadRequest, "Missing field", problem!);
        }

        // The worker checks again once the bot's id is surely known (an event may carry no authorizations).
        if (SlackEventRules.IgnoreReason(callback, callback.BotUserId ?? identity.KnownUserId) is { } reason)
        {
            SlackLog.EventIgnored(logger, callback.EventId, callback.EventType, reason);
            return TypedResults.Ok();
        }

        if (SlackEventRules.MissingField(callback) is { } missing)
        {
            return Refuse(logger, EventsPath, StatusCodes.Status400BadRequest, "Missing field", missing);
        }

        // Claimed before queueing: a retry (same event_id) that arrives while or after the first is handled gets 200 and nothing else.
        var claim = "slack:event:" + callback.EventId;
        if (!await deduplicator.TryClaimAsync(claim, DeduplicationWindow, cancellationToken))
        {
            var headers = context.Request.Headers;
            SlackLog.DuplicateEvent(logger, callback.EventId, Header(headers["X-Slack-Retry-Num"]) ?? "-", Header(headers["X-Slack-Retry-Reason"]) ?? "-");
            return TypedResults.Ok();
        }

        var question = new SlackQuestion(callback);
        var conversation = $"{callback.Channel}:{question.ThreadTs}";

        // Fair use: one person flooding the bot is told to slow down (only they see it) instead of being answered.
        var work = fairUse.TryAcquire(ChannelNames.Slack, callback.User!, callback.Channel!).Allowed
            ? new ChannelWork(ChannelNames.Slack, "answer", conversation, claim, ct => answerer.AnswerAsync(question, ct))
            : new ChannelWork(ChannelNames.Slack, "notice", conversation, claim, ct => client.PostEphemeralAsync(callback.Channel!, callback.User!, question.ThreadTs, ChannelTexts.SlowDown, ct));
        if (queue.TryEnqueue(work) is var result && result != EnqueueResult.Accepted)
        {
            // Released, so that Slack's retry of this event (it retries a 5xx) is answered rather than dropped as a duplicate.
            ChannelMetrics.QueueRefused(ChannelNames.Slack, result);
            await deduplicator.ReleaseAsync(claim, CancellationToken.None);
            SlackLog.QueueFull(logger, callback.EventId);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Busy",
                detail: result == EnqueueResult.Full ? "Too many questions are waiting." : "The bot is restarting.");
        }

        SlackLog.EventQueued(logger, callback.EventId, callback.EventType, callback.Channel!);
        return TypedResults.Ok();
    }

    private static async Task<IResult> InteractivityAsync(
        HttpContext context,
        [FromServices] SlackSignatureVerifier verifier,
        [FromServices] ChannelWorkQueue queue,
        [FromServices] SlackFeedbackResponder responder,
        [FromServices] SlackAnswerer answerer,
        [FromServices] FairUse.FairUseLimiter fairUse,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(SlackEndpoints).FullName!);
        var (body, refusal) = await ReadVerifiedAsync(context.Request, verifier, logger, InteractivityPath, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (body is null)
        {
            return TypedResults.Ok();
        }

        var payloadJson = FormField(body, "payload");
        if (string.IsNullOrEmpty(payloadJson))
        {
            return Refuse(logger, InteractivityPath, StatusCodes.Status400BadRequest, "Missing payload", "The form has no payload field.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException)
        {
            return Refuse(logger, InteractivityPath, StatusCodes.Status400BadRequest, "Malformed JSON", "The payload is not valid JSON.");
        }

        using (document)
        {
            var payload = document.RootElement;
            if (payload.ValueKind != JsonValueKind.Object)
            {
                return Refuse(logger, InteractivityPath, StatusCodes.Status400BadRequest, "Malformed JSON", "The payload must be a JSON object.");
            }

            var type = SlackPayload.String(payload, "type") ?? "(none)";
            if (type != "block_actions")
            {
                SlackLog.InteractionIgnored(logger, type, "interaction type not handled");
                return TypedResults.Ok();
            }

            var user = SlackPayload.Object(payload, "user") is { } u ? SlackPayload.String(u, "id") : null;
            var actions = SlackPayload.Array(payload, "actions");
            if (user is null || actions is null)
            {
                return Refuse(logger, InteractivityPath, StatusCodes.Status400BadRequest, "Missing field", user is null ? "user.id is missing" : "actions is missing");
            }

            // Slack sends one action per click; anything beyond the first is not a click of ours and is ignored.
            var count = actions.Value.GetArrayLength();
            if (count == 0)
            {
                return Refuse(logger, InteractivityPath, StatusCodes.Status400BadRequest, "Missing field", "actions is empty");
            }

            if (count > 1)
            {
                SlackLog.InteractionIgnored(logger, type, $"{count - 1} actions beyond the first");
            }

            var action = actions.Value[0];
            return BlockKitRenderer.IsAsk(SlackPayload.String(action, "action_id"))
                ? Ask(payload, action, user, queue, answerer, fairUse, logger)
                : Vote(payload, actions.Value[0], user, queue, responder, logger);
        }
    }

    // A suggested-question button: the question is asked in the message's thread, as if the user had typed it there.
    private static IResult Ask(JsonElement payload, JsonElement action, string user, ChannelWorkQueue queue, SlackAnswerer answerer, FairUse.FairUseLimiter fairUse, ILogger logger)
    {
        var text = SlackPayload.String(action, "value");
        var message = SlackActionMessage.Read(payload);
        var team = SlackPayload.Object(payload, "team") is { } t ? SlackPayload.String(t, "id") : null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > BlockKitRenderer.MaxButtonValue || message.Channel is null || message.Ts is null)
        {
            SlackLog.InteractionIgnored(logger, "block_actions", "a suggestion without its question or message");
            return TypedResults.Ok();
        }

        if (!fairUse.TryAcquire(ChannelNames.Slack, user, message.Channel).Allowed)
        {
            SlackLog.InteractionIgnored(logger, "block_actions", "fair use: too many questions");
            return TypedResults.Ok();
        }

        var thread = message.ThreadTs ?? message.Ts;
        var click = new SlackEventCallback(
            "action:" + (SlackPayload.String(action, "action_ts") ?? message.Ts), team ?? string.Empty, null, "app_mention", null, user, null, false, text, message.Ts, thread, message.Channel, null);
        var work = new ChannelWork(ChannelNames.Slack, "answer", $"{message.Channel}:{thread}", null, ct => answerer.AnswerAsync(new SlackQuestion(click), ct));
        if (queue.TryEnqueue(work) is var result && result != EnqueueResult.Accepted)
        {
            ChannelMetrics.QueueRefused(ChannelNames.Slack, result);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: "Too many questions are waiting.");
        }

        return TypedResults.Ok();
    }

    private static IResult Vote(JsonElement payload, JsonElement action, string user, ChannelWorkQueue queue, SlackFeedbackResponder responder, ILogger logger)
    {
        VoteValue? value = SlackPayload.String(action, "action_id") switch
        {
            BlockKitRenderer.VoteUpActionId => VoteValue.Up,
            BlockKitRenderer.VoteDownActionId => VoteValue.Down,
            _ => null,
        };
        var answerId = SlackPayload.String(action, "value");
        if (value is null || string.IsNullOrEmpty(answerId) || answerId.Length > BlockKitRenderer.MaxButtonValue)
        {
            SlackLog.InteractionIgnored(logger, "block_actions", "not a feedback button");
            return TypedResults.Ok();
        }

        // The conversation the click came from binds the vote: it counts only on an answer given there.
        var message = SlackActionMessage.Read(payload);
        if (message.Channel is null)
        {
            return Refuse(logger, InteractivityPath, StatusCodes.Status400BadRequest, "Missing field", "channel.id is missing");
        }

        var vote = new SlackVote(user, answerId, value.Value, message);
        var work = new ChannelWork(ChannelNames.Slack, "vote", $"{message.Channel}:{message.ThreadTs ?? message.Ts}", null, ct => responder.VoteAsync(vote, ct));
        if (queue.TryEnqueue(work) is var result && result != EnqueueResult.Accepted)
        {
            ChannelMetrics.QueueRefused(ChannelNames.Slack, result);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: "Too many clicks are waiting.");
        }

        return TypedResults.Ok();
    }

    /// <summary>
    /// Reads the body and checks the signature. Returns the body; null body and null refusal for an <c>ssl_check</c>
    /// (answered 200 without a signature, as Slack expects); or the 401/413 to answer.
    /// </summary>
    private static async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(
        HttpRequest request,
        SlackSignatureVerifier verifier,
        ILogger logger,
        string endpoint,
        CancellationToken cancellationToken)
    {
        var body = await SlackRequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, Refuse(logger, endpoint, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body is larger than {SlackRequestBody.MaxBytes / 1024} KB."));
        }

        if (request.HasFormContentType && FormField(body, "ssl_check") == "1")
        {
            return (null, null);
        }

        var check = verifier.Verify(Header(request.Headers["X-Slack-Request-Timestamp"]), Header(request.Headers["X-Slack-Signature"]), body);
        if (check != SignatureCheck.Valid)
        {
            var detail = check switch
            {
                SignatureCheck.Missing => "The X-Slack-Signature and X-Slack-Request-Timestamp headers are required.",
                SignatureCheck.Stale => "The request timestamp is more than five minutes from now.",
                _ => "The request signature does not match.",
            };
            return (null, Refuse(logger, endpoint, StatusCodes.Status401Unauthorized, "Invalid signature", detail));
        }

        // Invalid UTF-8 would throw only when a string is read: refused once, here, as bad input.
        if (SlackRequestBody.EncodingProblem(body, request.HasFormContentType) is { } encoding)
        {
            return (null, Refuse(logger, endpoint, StatusCodes.Status400BadRequest, "Malformed body", encoding));
        }

        return (body, null);
    }

    private static string? FormField(byte[] body, string name)
    {
        var form = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
        return form.TryGetValue(name, out var value) ? Header(value) : null;
    }

    private static string? Header(StringValues values) => values.Count == 1 ? values[0] : null;

    private static ProblemHttpResult Refuse(ILogger logger, string endpoint, int status, string title, string detail)
    {
        SlackLog.Rejected(logger, endpoint, status, detail);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title);
    }
}
