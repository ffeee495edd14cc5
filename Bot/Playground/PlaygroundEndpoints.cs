using System.Text.RegularExpressions;
using Assistant.Bot.Cards;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assistant.Bot.Playground;

/// <summary>
/// The local playground: a chat page at <c>/</c>, <c>POST /api/chat</c> to ask and <c>POST /api/feedback</c> to vote.
/// </summary>
internal static partial class PlaygroundEndpoints
{
    /// <summary>The <see cref="Turn.Channel"/> of playground turns and votes.</summary>
    public const string Channel = "playground";

    /// <summary>Questions longer than this are refused with 400.</summary>
    public const int MaxQuestionLength = 4000;

    /// <summary>Seconds a client is told to wait while the assistant is loading.</summary>
    public const int RetryAfterSeconds = 5;

    private const int MaxAnswerIdLength = 128;
    private const int MaxCitation = 100;

    /// <summary>Maps the page, its script and style, and the two JSON endpoints.</summary>
    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => PlaygroundPage.Serve(context, "index.html")).ExcludeFromDescription();
        app.MapGet("/playground/playground.js", (HttpContext context) => PlaygroundPage.Serve(context, "playground.js")).ExcludeFromDescription();
        app.MapGet("/playground/playground.css", (HttpContext context) => PlaygroundPage.Serve(context, "playground.css")).ExcludeFromDescription();

        var api = app.MapGroup("/api");
        api.MapPost("/chat", ChatAsync);
        api.MapPost("/feedback", FeedbackAsync);
        return app;
    }

    private static async Task<Results<Ok<ChatResponse>, ValidationProblem, ProblemHttpResult>> ChatAsync(
        HttpContext context,
        [FromServices] IAssistant assistant,
        [FromServices] IFeedbackStore feedback,
        [FromServices] AdaptiveCardRenderer renderer,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(PlaygroundEndpoints).FullName!);
        if (!assistant.IsReady)
        {
            logger.NotReady();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                detail: "The assistant is still loading its index. Try again in a few seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Not ready");
        }

        var body = await JsonBodyReader.ReadAsync<ChatRequest>(context.Request, cancellationToken);
        if (body.Problem is { } problem)
        {
            logger.Rejected("/api/chat", problem.StatusCode, problem.ProblemDetails.Title ?? "bad body");
            return problem;
        }

        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        CheckId(errors, "conversationId", request.ConversationId);
        CheckId(errors, "userId", request.UserId);
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

        var turn = new Turn(Channel, request.ConversationId!, request.UserId!, text!);
        logger.Question(turn.ConversationId, turn.Text);
        var answer = await assistant.AnswerAsync(turn, cancellationToken);
        try
        {
            await feedback.RecordAnswerAsync(turn, answer, cancellationToken);
        }
        catch (FeedbackStoreException exception)
        {
            // The user still gets the answer; only a vote on it will be refused as unknown.
            logger.StoreFailed("recording answer " + answer.Id, exception);
        }
        logger.AnswerSent(answer.Id, answer.Kind, answer.Citations.Count);

        return TypedResults.Ok(ChatResponse.From(answer, renderer));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> FeedbackAsync(
        HttpContext context,
        [FromServices] IFeedbackStore feedback,
        [FromServices] TimeProvider timeProvider,
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

        CheckId(errors, "userId", request.UserId);
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

        bool recorded;
        try
        {
            recorded = await feedback.RecordVoteAsync(
                new Vote(request.AnswerId!, request.UserId!, Channel, vote!.Value, timeProvider.GetUtcNow(), request.Citation),
                cancellationToken);
        }
        catch (FeedbackStoreException exception)
        {
            logger.StoreFailed("recording a vote on " + request.AnswerId, exception);
            return TypedResults.Problem(
                detail: "Your vote could not be saved. Please try again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Feedback store unavailable");
        }

        if (!recorded)
        {
            logger.UnknownAnswer(request.AnswerId!);
            return TypedResults.Problem(
                detail: request.Citation is null
                    ? "There is no answer with this id (answers can be voted on for a limited time)."
                    : "There is no answer with this id that has this citation (answers can be voted on for a limited time).",
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown answer");
        }

        logger.VoteRecorded(request.AnswerId!, request.Vote!);
        return TypedResults.NoContent();
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
