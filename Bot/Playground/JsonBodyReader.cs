using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Playground;

/// <summary>
/// Reads a small JSON body with a size cap and turns every way it can be wrong into a ProblemDetails response.
/// </summary>
/// <remarks>
/// Minimal API body binding answers malformed JSON by throwing <see cref="BadHttpRequestException"/> and knows
/// no per-endpoint size limit; reading the body here keeps both in the endpoint's own typed results.
/// </remarks>
internal static class JsonBodyReader
{
    /// <summary>Bodies larger than this get 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Reads and deserialises the request body.</summary>
    public static async Task<JsonBodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return Fail<T>(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge<T>();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBodyBytes
                   && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length > MaxBodyBytes)
            {
                return TooLarge<T>();
            }

            var body = buffer.AsSpan(0, length);
            if (!Utf8.IsValid(body))
            {
                return Fail<T>(StatusCodes.Status400BadRequest, "Invalid encoding", "The body is not valid UTF-8.");
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(body, Options);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a string escape that decodes to no text (a lone surrogate).
                return Fail<T>(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid JSON of the expected shape.");
            }

            return value is null
                ? Fail<T>(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object.")
                : new JsonBodyResult<T>(value, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonBodyResult<T> TooLarge<T>()
        where T : class =>
        Fail<T>(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body is larger than {MaxBodyBytes / 1024} KB.");

    private static JsonBodyResult<T> Fail<T>(int status, string title, string detail)
        where T : class =>
        new(null, TypedResults.Problem(detail: detail, statusCode: status, title: title));
}
