using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.LoadTool.Channels;

/// <summary>The playground API: <c>POST /api/chat</c> and <c>POST /api/feedback</c> (Bot/Playground).</summary>
internal sealed class PlaygroundClient(string baseUrl)
{
    public Task<Outcome> AskAsync(string conversationId, string userId, string text) =>
        LoopbackHttp.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/api/chat"))
            {
                Content = JsonContent.Create(new JsonObject { ["conversationId"] = conversationId, ["userId"] = userId, ["text"] = text }),
            },
            async response =>
            {
                if (!response.IsSuccessStatusCode)
                {
                    return (null, await ProblemTitleAsync(response).ConfigureAwait(false));
                }

                var body = await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false);
                return (body?["answerId"]?.GetValue<string>(), body?["kind"]?.GetValue<string>());
            });

    public Task<Outcome> VoteAsync(string answerId, string userId, string vote = "up") =>
        LoopbackHttp.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/api/feedback"))
            {
                Content = JsonContent.Create(new JsonObject { ["answerId"] = answerId, ["userId"] = userId, ["vote"] = vote }),
            },
            async response => (null, response.IsSuccessStatusCode ? null : await ProblemTitleAsync(response).ConfigureAwait(false)));

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
