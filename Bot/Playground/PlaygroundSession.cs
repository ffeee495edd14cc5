using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Assistant.Bot.Playground;

/// <summary>
/// Who is asking in the playground: an anonymous session the server issues as a cookie, never an id the caller
/// names, so nobody can ask in (and read the memory of) or vote as another session.
/// </summary>
internal static partial class PlaygroundSession
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "assistant_playground";

    /// <summary>The session of this request, issuing a new one (as a cookie on the response) when it has none or a malformed one.</summary>
    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.TryGetValue(CookieName, out var value) && value is not null && IdPattern().IsMatch(value))
        {
            return value;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
        });
        return id;
    }

    /// <summary>The conversation id the engine and the feedback store see: the page's conversation within this session.</summary>
    public static string Conversation(string session, string conversationId) => $"{session}:{conversationId}";

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}
