using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Teams;

/// <summary>
/// The Bot Connector REST calls the bot makes (protocols.md B2), relative to the validated serviceUrl of the
/// conversation, with the bot's token. Retries with backoff on 429/412/502/504 come from the named HttpClient's
/// resilience handler. In the local emulator mode (<see cref="TeamsLocalEmulator"/>) no token is requested and only a
/// loopback serviceUrl is called.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class BotConnectorClient(
    IHttpClientFactory httpClientFactory,
    BotTokenProvider tokens,
    TeamsLocalEmulator local,
    ILogger<BotConnectorClient> logger)
{
    /// <summary>The named HttpClient connector calls go through.</summary>
    public const string HttpClientName = "Teams.Connector";

    /// <summary>Sends a typing indicator to the conversation.</summary>
    public Task SendTypingAsync(TeamsActivity inbound, CancellationToken cancellationToken)
    {
        var typing = new JsonObject
        {
            ["type"] = "typing",
            ["from"] = new JsonObject { ["id"] = inbound.Recipient?.Id },
            ["recipient"] = new JsonObject { ["id"] = inbound.From?.Id },
            ["conversation"] = new JsonObject { ["id"] = inbound.Conversation?.Id },
        };
        return SendAsync(HttpMethod.Post, ActivitiesUri(inbound, null), typing, "typing", cancellationToken);
    }

    /// <summary>Replies to <paramref name="inbound"/> (threaded under it in a channel); returns the new activity's id, when the connector gives one.</summary>
    public Task<string?> ReplyAsync(TeamsActivity inbound, JsonObject activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ActivitiesUri(inbound, inbound.Id), activity, "reply", cancellationToken);

    /// <summary>Sends a new message to the conversation of <paramref name="inbound"/>; returns the new activity's id.</summary>
    public Task<string?> SendToConversationAsync(TeamsActivity inbound, JsonObject activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ActivitiesUri(inbound, null), activity, "send", cancellationToken);

    /// <summary>Replaces the bot's earlier message <paramref name="activityId"/> with <paramref name="activity"/>.</summary>
    public Task UpdateAsync(TeamsActivity inbound, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, ActivitiesUri(inbound, activityId), activity, "update", cancellationToken);

    // Conversation and activity ids contain ':', ';' and '@', so both are escaped as path segments.
    private static Uri ActivitiesUri(TeamsActivity inbound, string? activityId)
    {
        var path = $"{inbound.ServiceUrl!.TrimEnd('/')}/v3/conversations/{Segment(inbound.Conversation?.Id, "conversation")}/activities";
        return new Uri(activityId is null ? path : $"{path}/{Segment(activityId, "activity")}");
    }

    /// <summary>The id escaped as one path segment.</summary>
    /// <exception cref="TeamsInvalidIdException">The id is missing, empty, "." or "..", which no escaping keeps in place.</exception>
    private static string Segment(string? id, string kind) =>
        id is not null && TeamsActivityRules.IsPathSegment(id)
            ? Uri.EscapeDataString(id)
            : throw new TeamsInvalidIdException($"The {kind} id is not a valid Bot Connector path segment; no request was made.");

    private async Task<string?> SendAsync(HttpMethod method, Uri uri, JsonObject activity, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri)
        {
            Content = JsonContent.Create(activity, mediaType: new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        if (local.Enabled)
        {
            // The endpoint checks this too; checked again here so no path around it can send an answer off the machine.
            if (!TeamsLocalEmulator.IsLoopbackServiceUrl(uri.AbsoluteUri))
            {
                logger.ConnectorCallFailed(operation, uri.Host, 0);
                throw new TeamsFrontEndUnavailableException($"Local emulator mode replies only to loopback addresses, not {uri.Host} ({operation}).");
            }
        }
        else
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.ConnectorCallFailed(operation, uri.Host, 0);
            throw new TeamsFrontEndUnavailableException($"The Bot Connector at {uri.Host} could not be reached ({operation}).", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                logger.ConnectorCallFailed(operation, uri.Host, (int)response.StatusCode);
                throw new TeamsFrontEndUnavailableException($"The Bot Connector at {uri.Host} answered {(int)response.StatusCode} ({operation}).");
            }

            // A ResourceResponse {"id": "..."}; typing and some updates return an empty body.
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
                return json.RootElement.ValueKind == JsonValueKind.Object
                       && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
