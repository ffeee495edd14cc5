using System.Net;
using System.Text.Unicode;

namespace Assistant.Bot.Slack;

/// <summary>Reads a Slack request's raw body, which the signature covers, up to <see cref="MaxBytes"/>, and checks its encoding.</summary>
internal static class SlackRequestBody
{
    /// <summary>Bodies larger than this get 413. Slack's event and interaction payloads are a few KB; an answer message echoed in block_actions stays under 100 KB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Why the body is not text Slack could have sent (every Slack payload is UTF-8), or null when it is. A form body
    /// (interactivity) is checked field by field after percent-decoding, since the JSON payload travels encoded.
    /// </summary>
    /// <remarks>
    /// System.Text.Json parses invalid UTF-8 inside strings and throws only when a string is read, so the body is
    /// checked once, after the signature, before anything reads it.
    /// </remarks>
    public static string? EncodingProblem(ReadOnlySpan<byte> body, bool isForm)
    {
        if (!Utf8.IsValid(body))
        {
            return "The body is not valid UTF-8.";
        }

        if (!isForm)
        {
            return null;
        }

        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            var equals = pair.IndexOf((byte)'=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            if (!DecodesToUtf8(name) || !DecodesToUtf8(value))
            {
                return "A form field of the body is not valid UTF-8 once decoded.";
            }
        }

        return null;
    }

    private static bool DecodesToUtf8(ReadOnlySpan<byte> encoded) =>
        encoded.IsEmpty || Utf8.IsValid(WebUtility.UrlDecodeToBytes(encoded.ToArray(), 0, encoded.Length));
}
