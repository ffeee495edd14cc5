using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Bot.Cards;

/// <summary>
/// Makes plain text safe for a Teams <see cref="TextBlock"/>, whose Markdown subset would otherwise turn
/// "*", "_", "`", "~", "[x](y)", a leading "#", "&gt;", "2019." or "1)" into emphasis, code, links, headings,
/// quotes or numbered lists.
/// </summary>
/// <remarks>
/// Escapes with CommonMark backslashes, and only what would be misread: the engine's "[n]" citation markers
/// stay as they are (a lone "[1]" is no link), so hosts that do not render Markdown still show clean text.
/// </remarks>
internal static partial class CardMarkdown
{
    /// <summary>Escapes running text; line breaks are kept.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '*' or '_' or '`' or '~' || (c == ']' && i + 1 < text.Length && text[i + 1] == '('))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        // A line that starts like a quote, a heading or "123." / "123)" (an ordered list) gets its marker escaped.
        return LineStartMarker().Replace(builder.ToString(), m =>
        {
            var marker = m.Groups[2].Value;
            return m.Groups[1].Value + (char.IsAsciiDigit(marker[0]) ? $"{marker[..^1]}\\{marker[^1]}" : "\\" + marker);
        });
    }

    /// <summary>Escapes the text of a Markdown link: brackets too, so a title cannot close the link early.</summary>
    public static string EscapeLinkText(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '~' or '[' or ']')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// A Markdown link to an absolute http(s) address, or null when <paramref name="url"/> is not one
    /// (a file path, a javascript: address) or is too long to be worth a link.
    /// </summary>
    public static string? Link(string text, string url)
    {
        if (url.Length > MaxLinkLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var target = uri.AbsoluteUri
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal);
        return $"[{EscapeLinkText(text)}]({target})";
    }

    /// <summary>Addresses longer than this are shown without a link, which keeps cards far below the size limit.</summary>
    public const int MaxLinkLength = 1000;

    [GeneratedRegex(@"(?m)^([ \t]*)(>|(?:#{1,6}|\d{1,9}[.)])(?=\s|$))")]
    private static partial Regex LineStartMarker();
}
