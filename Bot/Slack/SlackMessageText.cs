using System.Text.RegularExpressions;

namespace Assistant.Bot.Slack;

/// <summary>
/// Turns a message's text in Slack's markup into the plain question: the bot's own <c>&lt;@BOT&gt;</c> mentions are
/// removed, other mentions, channels and links become readable text, and "&amp;amp;", "&amp;lt;", "&amp;gt;" are unescaped.
/// </summary>
internal static partial class SlackMessageText
{
    /// <summary>The question in <paramref name="text"/>, without the mentions of <paramref name="botUserId"/>.</summary>
    public static string ToQuestion(string? text, string? botUserId)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var plain = Entity().Replace(text, match =>
        {
            var target = match.Groups["target"].Value;
            var label = match.Groups["label"].Success ? match.Groups["label"].Value : null;
            return target[0] switch
            {
                '@' when botUserId is not null && target[1..] == botUserId => " ",
                '@' => label is null ? target : "@" + label,
                '#' => "#" + (label ?? target[1..]),
                '!' => "@" + (label ?? target[1..].Split('^')[0]),
                _ => label ?? target,
            };
        });

        plain = plain.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        return Spaces().Replace(plain, " ").Trim();
    }

    // <@U123>, <@U123|name>, <#C123|general>, <!here>, <!subteam^S123|@team>, <https://x|label>, <mailto:a@b|a@b>
    [GeneratedRegex(@"<(?<target>[^<>|]+)(?:\|(?<label>[^<>]*))?>")]
    private static partial Regex Entity();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
