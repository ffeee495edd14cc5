using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards.BlockKit;
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
/// goes to <see cref="SlackWorker"/> so Slack gets its acknowledgement at once.
/// </summary>
internal static class SlackEndpoints
{
    /// <summary>The Events API request URL's path.</summary>
    public const string EventsPath = "/slack/events";

    /// <summary>The interactivity request URL's path.</summary>
    public const string InteractivityPath = "/slack/interactivity";

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
        [FromServices] SlackWorkQueue queue,
        [FromServices] Rag.Memory.IDeduplicator deduplicator,
        [FromServices] SlackBotIdentity identity,
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
                    return await EventCallbackAsync(context, root, queue, deduplicator, identity, logger, cancellationToken);

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
        SlackWorkQueue queue,
        Rag.Memory.IDeduplicator deduplicator,
        SlackBotIdentity identity,
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
        if (!await deduplicator.TryClaimAsync("slack:event:" + callback.EventId, DeduplicationWindow, cancellationToken))
        {
            var headers = context.Request.Headers;
            SlackLog.DuplicateEvent(logger, callback.EventId, Header(headers["X-Slack-Retry-Num"]) ?? "-", Header(headers["X-Slack-Retry-Reason"]) ?? "-");
            return TypedResults.Ok();
        }

        if (!queue.TryEnqueue(new SlackQuestion(callback)))
        {
            // The event id is already claimed, so a retry would be dropped as a duplicate: tell Slack not to send one.
            SlackLog.QueueFull(logger, callback.EventId);
            context.Response.Headers["X-Slack-No-Retry"] = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: "Too many questions are waiting.");
        }

        SlackLog.EventQueued(logger, callback.EventId, callback.EventType, callback.Channel!);
        return TypedResults.Ok();
    }

    private static async Task<IResult> InteractivityAsync(
        HttpContext context,
        [FromServices] SlackSignatureVerifier verifier,
        [FromServices] SlackWorkQueue queue,
        [FromServices] IFeedbackStore feedback,
        [FromServices] TimeProvider time,
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

            foreach (var action in actions.Value.EnumerateArray())
            {
                await VoteAsync(payload, action, user, queue, feedback, time, logger, cancellationToken);
            }

            return TypedResults.Ok();
        }
    }

    private static async Task VoteAsync(
        JsonElement payload,
        JsonElement action,
        string user,
        SlackWorkQueue queue,
        IFeedbackStore feedback,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
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
            return;
        }

        var message = SlackActionMessage.Read(payload);
        var recorded = await feedback.RecordVoteAsync(
            new Vote(answerId, user, SlackAnswerer.Channel, value.Value, time.GetUtcNow()),
            cancellationToken);
        if (!recorded)
        {
            SlackLog.UnknownAnswer(logger, answerId);
            if (message.Channel is not null)
            {
                queue.TryEnqueue(new SlackNotice(message.Channel, user, message.ThreadTs, "Sorry, I couldn't record your vote: I no longer know that answer."));
            }

            return;
        }

        SlackLog.VoteRecorded(logger, answerId, value == VoteValue.Up ? "up" : "down");
        if (message is not { Channel: { } channel, Ts: { } ts, Blocks: { } blocks })
        {
            SlackLog.InteractionIgnored(logger, "block_actions", "the vote was recorded, but the payload has no message to update");
            return;
        }

        queue.TryEnqueue(new SlackVoteAcknowledgement(channel, ts, message.Text, blocks, answerId, value.Value));
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
