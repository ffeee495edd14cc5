using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Assistant.Bot.Teams;

/// <summary>
/// Reads an activity from a JSON request body of at most <see cref="MaxBodyBytes"/> bytes of UTF-8, and refuses the
/// activities <see cref="TeamsActivityRules"/> does not allow.
/// </summary>
internal static class TeamsBodyReader
{
    /// <summary>Bodies larger than this get 413. Teams messages are limited to about 100 KB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The activity, or the status code to refuse the request with and why.</summary>
    public static async Task<(TeamsActivity? Activity, int Status, string? Reason)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // application/json or application/*+json, with or without a charset: the Bot Connector sends nothing else.
        if (!request.HasJsonContentType())
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "the body is not application/json");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBodyBytes / 1024} KB");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBodyBytes
                   && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > MaxBodyBytes)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBodyBytes / 1024} KB");
            }

            var body = buffer.AsSpan(0, length);
            if (!Utf8.IsValid(body))
            {
                return (null, StatusCodes.Status400BadRequest, "the body is not valid UTF-8");
            }

            TeamsActivity? activity;
            try
            {
                activity = JsonSerializer.Deserialize<TeamsActivity>(body, Options);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a string escape the reader cannot decode (a lone surrogate).
                return (null, StatusCodes.Status400BadRequest, "the body is not an activity in JSON");
            }

            if (activity is null || string.IsNullOrEmpty(activity.Type))
            {
                return (null, StatusCodes.Status400BadRequest, "the activity has no type");
            }

            return TeamsActivityRules.Problem(activity) is { } problem
                ? (null, StatusCodes.Status400BadRequest, problem)
                : (activity, StatusCodes.Status200OK, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
