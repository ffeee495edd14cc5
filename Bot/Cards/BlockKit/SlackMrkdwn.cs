using System.Text;

namespace Assistant.Bot.Cards.BlockKit;

/// <summary>
/// Makes text safe for Slack's mrkdwn: "&amp;", "&lt;" and "&gt;" are the only characters Slack asks apps to escape,
/// and escaping "&lt;" also stops text from forming a link, a mention or "&lt;!channel&gt;".
/// </summary>
/// <remarks>
/// mrkdwn has no escape for "*", "_" or "~", so such characters in an answer may still format; the text stays
/// readable either way.
/// </remarks>
internal static class SlackMrkdwn
{
    /// <summary>Addresses longer than this are shown without a link.</summary>
    public const int MaxLinkLength = 1000;

    /// <summary>Escapes running text.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>
    /// A link <c>&lt;url|text&gt;</c> to an absolute http(s) address, or null when <paramref name="url"/> is not one
    /// (a file path, a javascript: address) or is longer than <see cref="MaxLinkLength"/>.
    /// </summary>
    public static string? Link(string text, string url)
    {
        var target = LinkTarget(url);
        return target is null ? null : $"<{target}|{Escape(text)}>";
    }

    /// <summary>The address as it can stand inside a link, or null when it must not be linked.</summary>
    public static string? LinkTarget(string url)
    {
        if (url.Length > MaxLinkLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        // "|" and ">" would end the address early; "<", "&" and spaces are escaped for the same reason.
        return uri.AbsoluteUri
            .Replace("|", "%7C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal);
    }
}
