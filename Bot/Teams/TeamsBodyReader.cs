using System.Buffers;
using System.Text.Json;

namespace Assistant.Bot.Teams;

/// <summary>Reads an activity from a request body of at most <see cref="MaxBodyBytes"/>.</summary>
internal static class TeamsBodyReader
{
    /// <summary>Bodies larger than this get 413. Teams messages are limited to about 100 KB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The activity, or the status code to refuse the request with and why.</summary>
    public static async Task<(TeamsActivity? Activity, int Status, string? Reason)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
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

            TeamsActivity? activity;
            try
            {
                activity = JsonSerializer.Deserialize<TeamsActivity>(buffer.AsSpan(0, length), Options);
            }
            catch (JsonException)
            {
                return (null, StatusCodes.Status400BadRequest, "the body is not an activity in JSON");
            }

            return activity is null || string.IsNullOrEmpty(activity.Type)
                ? (null, StatusCodes.Status400BadRequest, "the activity has no type")
                : (activity, StatusCodes.Status200OK, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
