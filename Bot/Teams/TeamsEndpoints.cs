using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Bot.Channels;
using Assistant.Rag;
using Assistant.Rag.Memory;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Teams;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework messaging endpoint Teams posts activities to. Every request is
/// authenticated (<see cref="BotConnectorTokenValidator"/>) before anything in it is acted on; messages are
/// answered in the background, invokes inline.
/// </summary>
internal static class TeamsEndpoints
{
    /// <summary>The route.</summary>
    public const string Route = "/api/messages";

    /// <summary>How long a message id is remembered to drop redeliveries.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(1);

    /// <summary>Seconds a caller is told to wait when the bot is saturated or its key service is down.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// Maps the endpoint: the real one when Teams is configured or the local emulator mode is on
    /// (<see cref="TeamsLocalEmulator"/>), a 404 that says so otherwise.
    /// </summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var local = app.ServiceProvider.GetRequiredService<TeamsLocalEmulator>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints).FullName!);
        if (local.Ignored)
        {
            logger.LocalEmulatorIgnored(app.ServiceProvider.GetRequiredService<IHostEnvironment>().EnvironmentName, options.Enabled);
        }

        if (local.Enabled)
        {
            logger.LocalEmulatorOn(Route);

            // The Agents Playground checks that the bot is up with HEAD before it sends anything.
            app.MapMethods(Route, [HttpMethods.Head], () => TypedResults.Ok()).ExcludeFromDescription();
        }
        else if (!options.Enabled)
        {
            app.MapPost(Route, () => TypedResults.Problem(
                detail: "The Teams front end is off: set Teams:AppId (and its credentials) to turn it on.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Teams is not configured")).ExcludeFromDescription();
            return app;
        }

        app.MapPost(Route, MessagesAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The id votes and turns are kept under: the Entra object id, else the Teams user id.</summary>
    public static string UserId(TeamsActivity activity) =>
        !string.IsNullOrEmpty(activity.From?.AadObjectId) ? activity.From.AadObjectId : activity.From?.Id ?? string.Empty;

    private static async Task<IResult> MessagesAsync(
        HttpContext context,
        BotConnectorTokenValidator validator,
        TeamsLocalEmulator local,
        ChannelWorkQueue queue,
        TeamsResponder responder,
        TeamsInvokeHandler invokes,
        FairUse.FairUseLimiter fairUse,
        IDeduplicator deduplicator,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(TeamsEndpoints).FullName!);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!local.Enabled && string.IsNullOrEmpty(authorization))
        {
            return Refuse(logger, StatusCodes.Status401Unauthorized, "no Authorization header");
        }

        // The local emulator mode takes no token, so only the caller's address vouches for the activity: refuse
        // anyone not on this machine before the body is even read.
        if (local.Enabled && !TeamsLocalEmulator.IsLoopbackCaller(context.Connection.RemoteIpAddress))
        {
            return Refuse(logger, StatusCodes.Status401Unauthorized, "local emulator mode: the caller is not on a loopback address");
        }

        var (activity, status, reason) = await TeamsBodyReader.ReadAsync(context.Request, cancellationToken);
        if (activity is null)
        {
            return Refuse(logger, status, reason!);
        }

        if (local.Enabled)
        {
            // No connector vouches for the serviceUrl here; replying anywhere but this machine would let a local
            // process make the bot send answers (and with them documents' text) to an address of its choosing.
            if (!TeamsLocalEmulator.IsLoopbackServiceUrl(activity.ServiceUrl))
            {
                return Refuse(logger, StatusCodes.Status401Unauthorized, "local emulator mode: the serviceUrl is not a loopback address");
            }
        }
        else
        {
            InboundAuthResult auth;
            try
            {
                auth = await validator.ValidateAsync(authorization, activity, cancellationToken);
            }
            catch (TeamsFrontEndUnavailableException)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Refuse(logger, StatusCodes.Status503ServiceUnavailable, "the Bot Connector's signing keys are unavailable");
            }

            if (!auth.Valid)
            {
                return Refuse(logger, StatusCodes.Status401Unauthorized, auth.Reason!);
            }
        }

        // Authenticated from here on (in the local mode: from this machine, to this machine): the serviceUrl is trusted.
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "the activity has no serviceUrl or conversation id");
        }

        // Ids become segments of the connector's paths: "." or ".." would point the reply at another resource.
        if (TeamsActivityRules.Problem(activity) is { } problem)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, problem);
        }

        switch (activity.Type)
        {
            case "message":
                // Teams may deliver a message again when the first delivery looked timed out; answer it once.
                string? claim = null;
                if (!string.IsNullOrEmpty(activity.Id))
                {
                    claim = $"teams:{activity.Conversation.Id}:{activity.Id}";
                    if (!await deduplicator.TryClaimAsync(claim, DuplicateWindow, cancellationToken))
                    {
                        logger.Duplicate(activity.Id);
                        return TypedResults.Ok();
                    }
                }

                var (result, work) = Message(logger, responder, fairUse, activity, claim);
                return result ?? await EnqueueAsync(context, logger, queue, deduplicator, work!);
            case "invoke":
                return await invokes.HandleAsync(activity, cancellationToken);
            case "conversationUpdate" when activity.MembersAdded?.Any(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true:
            case "installationUpdate" when activity.Action is "add":
                // Installing the app sends both (Teams and the Agents Playground alike); the first one greets.
                var welcome = $"teams:welcome:{activity.Conversation.Id}";
                if (!await deduplicator.TryClaimAsync(welcome, DuplicateWindow, cancellationToken))
                {
                    logger.Ignored(activity.Type!);
                    return TypedResults.Ok();
                }

                return await EnqueueAsync(context, logger, queue, deduplicator, Work("welcome", activity, welcome, ct => responder.WelcomeAsync(activity, ct)));
            default:
                // installationUpdate remove/upgrade, conversationUpdate about other members, reactions, typing, …: acknowledged, nothing to do.
                logger.Ignored(activity.Type!);
                return TypedResults.Ok();
        }
    }

    /// <summary>The work a message asks for, or the response that refuses it.</summary>
    private static (IResult? Refusal, ChannelWork? Work) Message(ILogger logger, TeamsResponder responder, FairUse.FairUseLimiter fairUse, TeamsActivity activity, string? claim)
    {
        if (string.IsNullOrEmpty(activity.From?.Id))
        {
            return (Refuse(logger, StatusCodes.Status400BadRequest, "the message has no sender"), null);
        }

        // Action.Submit (the fallback of the card's Action.Execute buttons) arrives as a message with a value and no text.
        if (activity.Value is { ValueKind: JsonValueKind.Object } value && string.IsNullOrWhiteSpace(activity.Text))
        {
            var feedback = FeedbackValue.Read(value);
            if (feedback is null)
            {
                return (Refuse(logger, StatusCodes.Status400BadRequest, "the card submit carries no answer id and vote"), null);
            }

            return (null, Work("vote", activity, claim, ct => responder.SubmitVoteAsync(activity, feedback, ct)));
        }

        var text = MentionText.StripBotMention(activity.Text, activity.Entities, activity.Recipient?.Id);
        if (text.Length == 0 || text.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            // Only "@Bot", or the manifest's "help" command: say what the bot does.
            return (null, Work("welcome", activity, claim, ct => responder.WelcomeAsync(activity, ct)));
        }

        var turn = new Turn(
            ChannelNames.Teams,
            activity.Conversation!.Id!,
            UserId(activity),
            text,
            activity.From.Name,
            ThreadId(activity.Conversation.Id!),
            activity.TenantId);
        logger.Question(turn.ConversationId, turn.Text);

        // Fair use: one person flooding the bot is asked to slow down instead of being answered.
        if (!fairUse.TryAcquire(ChannelNames.Teams, turn.UserId, turn.ConversationId).Allowed)
        {
            return (null, Work("notice", activity, claim, ct => responder.NoteAsync(activity, ChannelTexts.SlowDown, ct)));
        }

        return (null, Work("answer", activity, claim, ct => responder.AnswerAsync(activity, turn, ct)));
    }

    private static ChannelWork Work(string kind, TeamsActivity activity, string? claim, Func<CancellationToken, Task> run) =>
        new(ChannelNames.Teams, kind, activity.Conversation!.Id!, claim, run);

    /// <summary>In a channel the conversation id names the reply chain's root message: "19:…@thread.skype;messageid=123".</summary>
    internal static string? ThreadId(string conversationId)
    {
        const string Marker = ";messageid=";
        var at = conversationId.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : conversationId[(at + Marker.Length)..];
    }

    private static async Task<IResult> EnqueueAsync(HttpContext context, ILogger logger, ChannelWorkQueue queue, IDeduplicator deduplicator, ChannelWork work)
    {
        var result = queue.TryEnqueue(work);
        if (result != EnqueueResult.Accepted)
        {
            // Refused work must not stay claimed, or Teams' retry would be dropped as a duplicate.
            ChannelMetrics.QueueRefused(work.Channel, result);
            if (work.ClaimKey is not null)
            {
                await deduplicator.ReleaseAsync(work.ClaimKey, CancellationToken.None);
            }

            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(logger, StatusCodes.Status503ServiceUnavailable, result == EnqueueResult.Full ? "the work queue is full" : "the bot is shutting down");
        }

        logger.Accepted(work.Kind, work.ConversationKey);
        return TypedResults.Ok();
    }

    private static IResult Refuse(ILogger logger, int status, string reason)
    {
        logger.Refused(status, reason);
        return TypedResults.Problem(statusCode: status, title: ReasonTitle(status));
    }

    // The reason stays in the log: telling a forger which check failed helps only the forger.
    private static string ReasonTitle(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        StatusCodes.Status503ServiceUnavailable => "Try again later",
        _ => "Bad request",
    };

    /// <summary>An empty JSON object, the body Teams requires for feedback invokes.</summary>
    internal static IResult EmptyObject() => TypedResults.Json(new JsonObject());
}
