using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.Tests.Slack;

namespace Assistant.Bot.Tests.Probe;

/// <summary>Raw requests the probe sends: bodies as bytes (so they can be invalid UTF-8), signed as Slack signs them when asked.</summary>
internal static class ProbeRequests
{
    /// <summary>Invalid UTF-8: a byte-order mark of UTF-16 that no UTF-8 text contains.</summary>
    public static readonly byte[] InvalidUtf8 = [0xFF, 0xFE];

    public static HttpRequestMessage Raw(string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
    }

    /// <summary>A Slack request whose signature covers <paramref name="body"/> byte for byte.</summary>
    public static HttpRequestMessage SlackSigned(string path, byte[] body, string contentType = "application/json")
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = Raw(path, body, contentType);
        byte[] signed = [.. Encoding.ASCII.GetBytes($"v0:{timestamp}:"), .. body];
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackRequests.SigningSecret), signed)));
        return request;
    }

    /// <summary>A Slack request signed over its UTF-8 text.</summary>
    public static HttpRequestMessage SlackSigned(string path, string body, string contentType = "application/json") =>
        SlackSigned(path, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>A Teams activity posted with <paramref name="token"/> (none when null) and the given content type.</summary>
    public static HttpRequestMessage Teams(byte[] body, string? token, string? contentType = "application/json")
    {
        var request = Raw("/api/messages", body, contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>
    /// <paramref name="text"/> as UTF-8 with <see cref="InvalidUtf8"/> in place of the first "\u0001" marker (the
    /// character itself, or its JSON escape as a serializer writes it).
    /// </summary>
    public static byte[] WithInvalidUtf8(string text)
    {
        const string Escaped = "\\u0001";
        var (marker, length) = text.IndexOf('\u0001', StringComparison.Ordinal) is var at and >= 0
            ? (at, 1)
            : (text.IndexOf(Escaped, StringComparison.OrdinalIgnoreCase), Escaped.Length);
        if (marker < 0)
        {
            throw new ArgumentException("The text has no \\u0001 marker.", nameof(text));
        }

        return [.. Encoding.UTF8.GetBytes(text[..marker]), .. InvalidUtf8, .. Encoding.UTF8.GetBytes(text[(marker + length)..])];
    }
}
