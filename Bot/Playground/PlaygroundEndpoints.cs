using System.Text.RegularExpressions;
using Assistant.Bot.Cards;
using Assistant.Bot.Channels;
using Assistant.Bot.Slack;
using Assistant.Bot.Teams;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Playground;

/// <summary>
/// The local playground: a chat page at <c>/</c>, <c>POST /api/chat</c> to ask and <c>POST /api/feedback</c> to vote.
/// It is for trying the bot: on by default only while neither Teams nor Slack is configured
/// (<see cref="PlaygroundOptions.Enabled"/>); the asker is the anonymous session of <see cref="PlaygroundSession"/>.
/// </summary>
internal static partial class PlaygroundEndpoints
{
    /// <summary>Questions longer than this are refused with 400.</summary>
    public const int MaxQuestionLength = 4000;

    /// <summary>Seconds a client is told to wait while the assistant is loading.</summary>
    public const int RetryAfterSeconds = 5;

    private const int MaxAnswerIdLength = 128;
    private const int MaxCitation = 100;

    /// <summary>True when the playground is on: <see cref="PlaygroundOptions.Enabled"/>, or by default when neither Teams nor Slack is configured.</summary>
    public static bool IsEnabled(IServiceProvider services)
    {
        var playground = services.GetRequiredService<IOptions<PlaygroundOptions>>().Value;
        return playground.Enabled ?? !IsDeployment(services);
    }

    /// <summary>True when Teams or Slack is configured: a real deployment, where playground users are anonymous.</summary>
    public static bool IsDeployment(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled
        || services.GetRequiredService<IOptions<SlackOptions>>().Value.IsConfigured;

    /// <summary>Maps the page, its script and style, and the two JSON endpoints; or, when the playground is off, a 404 that says so.</summary>
    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app)
    {
        if (!IsEnabled(app.ServiceProvider))
        {
            var off = () => TypedResults.Problem(
                detail: "The playground is off because Teams or Slack is configured. Set Playground:Enabled to true to turn it on.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Playground is off");
            app.MapGet("/", off).ExcludeFromDescription();
            app.MapPost("/api/chat", off).ExcludeFromDescription();
            app.MapPost("/api/feedback", off).ExcludeFromDescription();
            return app;
        }

        app.MapGet("/", (HttpContext context) =>
        {
            PlaygroundSession.Get(context);
            return PlaygroundPage.Serve(context, "index.html");
        }).ExcludeFromDescription();
        app.MapGet("/playground/playground.js", (HttpContext context) => PlaygroundPage.Serve(context, "playground.js")).ExcludeFromDescription();
        app.MapGet("/playground/playground.css", (HttpContext context) => PlaygroundPage.Serve(context, "playground.css")).ExcludeFromDescription();

        // Fair use: per session (or address), 429 with Retry-After beyond the allowance.
        var api = app.MapGroup("/api").RequireRateLimiting(FairUse.FairUseServiceCollectionExtensions.PlaygroundPolicy);
        api.MapPost("/chat", ChatAsync);
        api.MapPost("/feedback", FeedbackAsync);
        return app;
    }

    private static async Task<Results<Ok<ChatResponse>, ValidationProblem, ProblemHttpResult>> ChatAsync(
        HttpContext context,
        [FromServices] ChannelPipeline pipeline,
        [FromServices] AdaptiveCardRenderer renderer,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(PlaygroundEndpoints).FullName!);
        var body = await JsonBodyReader.ReadAsync<ChatRequest>(context.Request, cancellationToken);
        if (body.Problem is { } problem)
        {
            logger.Rejected("/api/chat", problem.StatusCode, problem.ProblemDetails.Title ?? "bad body");
            return problem;
        }

        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        CheckId(errors, "conversationId", request.ConversationId);
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["text"] = ["text is required: type a question."];
        }
        else if (text.Length > MaxQuestionLength)
        {
            errors["text"] = [$"The question is too long: at most {MaxQuestionLength} characters."];
        }

        if (errors.Count > 0)
        {
            logger.Rejected("/api/chat", StatusCodes.Status400BadRequest, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, detail: errors.Values.First()[0]);
        }

        var session = PlaygroundSession.Get(context);
        var turn = new Turn(ChannelNames.Playground, PlaygroundSession.Conversation(session, request.ConversationId!), session, text!);
        logger.Question(turn.ConversationId, turn.Text);
        var reply = new PlaygroundReply(renderer);
        var outcome = await pipeline.AnswerAsync(turn, reply, cancellationToken);
        if (outcome.NotReady)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(detail: outcome.Notice, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }

        if (reply.Response is null)
        {
            return TypedResults.Problem(detail: outcome.Notice, statusCode: StatusCodes.Status500InternalServerError, title: "No answer");
        }

        return TypedResults.Ok(reply.Response);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> FeedbackAsync(
        HttpContext context,
        [FromServices] VoteRecorder votes,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(PlaygroundEndpoints).FullName!);
        var body = await JsonBodyReader.ReadAsync<FeedbackRequest>(context.Request, cancellationToken);
        if (body.Problem is { } problem)
        {
            logger.Rejected("/api/feedback", problem.StatusCode, problem.ProblemDetails.Title ?? "bad body");
            return problem;
        }

        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.AnswerId))
        {
            errors["answerId"] = ["answerId is required."];
        }
        else if (request.AnswerId.Length > MaxAnswerIdLength)
        {
            errors["answerId"] = [$"answerId is longer than {MaxAnswerIdLength} characters."];
        }

        CheckId(errors, "conversationId", request.ConversationId);
        VoteValue? vote = request.Vote switch
        {
            "up" => VoteValue.Up,
            "down" => VoteValue.Down,
            _ => null,
        };
        if (vote is null)
        {
            errors["vote"] = ["vote must be \"up\" or \"down\"."];
        }

        if (request.Citation is < 1 or > MaxCitation)
        {
            errors["citation"] = [$"citation must be a citation number from 1 to {MaxCitation}, or left out to vote on the whole answer."];
        }

        if (errors.Count > 0)
        {
            logger.Rejected("/api/feedback", StatusCodes.Status400BadRequest, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, detail: errors.Values.First()[0]);
        }

        var session = PlaygroundSession.Get(context);
        var outcome = await votes.RecordAsync(
            ChannelNames.Playground,
            PlaygroundSession.Conversation(session, request.ConversationId!),
            session,
            request.AnswerId!,
            vote!.Value,
            request.Citation,
            cancellationToken);
        return outcome switch
        {
            VoteOutcome.Recorded => TypedResults.NoContent(),
            VoteOutcome.StoreUnavailable => TypedResults.Problem(
                detail: ChannelTexts.VoteNotRecorded,
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Feedback store unavailable"),
            _ => TypedResults.Problem(
                detail: request.Citation is null
                    ? "There is no answer with this id in your conversation (answers can be voted on for a limited time)."
                    : "There is no answer with this id and citation in your conversation (answers can be voted on for a limited time).",
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown answer"),
        };
    }

    private static void CheckId(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = [$"{field} is required."];
        }
        else if (!IdPattern().IsMatch(value))
        {
            errors[field] = [$"{field} must be 1 to 128 characters of letters, digits and . _ : @ -"];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,128}$")]
    private static partial Regex IdPattern();
}
