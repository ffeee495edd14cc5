using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Playground;

/// <summary>A request body read by <see cref="JsonBodyReader"/>: the value, or the problem to answer with.</summary>
/// <typeparam name="T">The body's type.</typeparam>
/// <param name="Value">The body; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">The 400, 413 or 415 response, or null when the body was read.</param>
internal sealed record JsonBodyResult<T>(T? Value, ProblemHttpResult? Problem)
    where T : class;
