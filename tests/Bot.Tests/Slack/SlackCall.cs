using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Slack;

/// <summary>One call the bot made to the fake Slack Web API.</summary>
internal sealed record SlackCall(string Method, string Authorization, string ContentType, JsonNode? Body)
{
    public string? Str(string name) => Body?[name]?.GetValue<string>();

    public JsonArray? Blocks => Body?["blocks"] as JsonArray;
}
