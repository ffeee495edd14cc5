namespace Assistant.Bot.Slack;

/// <summary>Reads a Slack request's raw body, which the signature covers, up to <see cref="MaxBytes"/>.</summary>
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
}
