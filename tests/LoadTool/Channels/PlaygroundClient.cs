using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.LoadTool.Channels;

/// <summary>The playground API: <c>POST /api/chat</c> and <c>POST /api/feedback</c> (Bot/Playground).</summary>
/// <remarks>
/// The bot knows a playground user only by the session cookie it issues (<c>assistant_playground</c>), so each
/// simulated user keeps its own cookie here; the shared HTTP client keeps none.
/// </remarks>
internal sealed class PlaygroundClient(string baseUrl)
{
    private const string SessionCookie = "assistant_playground";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);

    public Task<Outcome> AskAsync(string conversationId, string userId, string text) =>
        LoopbackHttp.SendAsync(
            Request("/api/chat", userId, new JsonObject { ["conversationId"] = conversationId, ["text"] = text }),
            async response =>
            {
                Remember(userId, response);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, await ProblemTitleAsync(response).ConfigureAwait(false));
                }

                var body = await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false);
                return (body?["answerId"]?.GetValue<string>(), body?["kind"]?.GetValue<string>());
            });

    public Task<Outcome> VoteAsync(string answerId, string conversationId, string userId, string vote = "up") =>
        LoopbackHttp.SendAsync(
            Request("/api/feedback", userId, new JsonObject { ["answerId"] = answerId, ["conversationId"] = conversationId, ["vote"] = vote }),
            async response => (null, response.IsSuccessStatusCode ? null : await ProblemTitleAsync(response).ConfigureAwait(false)));

    private HttpRequestMessage Request(string path, string userId, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + path)) { Content = JsonContent.Create(body) };
        if (_sessions.TryGetValue(userId, out var session))
        {
            request.Headers.Add("Cookie", $"{SessionCookie}={session}");
        }

        return request;
    }

    private void Remember(string userId, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }

        foreach (var cookie in cookies)
        {
            if (cookie.StartsWith(SessionCookie + "=", StringComparison.Ordinal))
            {
                _sessions[userId] = cookie[(SessionCookie.Length + 1)..].Split(';')[0];
            }
        }
    }

    private static async Task<string?> ProblemTitleAsync(HttpResponseMessage response)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return JsonNode.Parse(text)?["title"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
