using Assistant.Bot.Slack;
using Assistant.Bot.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Assistant.Bot.Tests.Slack;

/// <summary>manifests/slack/manifest.yaml matches what the code handles.</summary>
public sealed class SlackManifestTests
{
    private static readonly YamlMappingNode Manifest = Load();

    [Fact]
    public void TheBotEventsAreExactlyTheOnesTheBotAnswers()
    {
        var events = Sequence("settings", "event_subscriptions", "bot_events");

        Assert.Equal(SlackEventRules.SubscribedEvents.Order(StringComparer.Ordinal), events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheScopesCoverTheEventsAndWebApiMethodsUsedAndNothingMore()
    {
        var scopes = Sequence("oauth_config", "scopes", "bot");

        Assert.Equal(SlackEventRules.RequiredScopes.Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheRequestUrlsPointAtTheMappedEndpointsAndInteractivityIsOn()
    {
        var events = new Uri(Scalar("settings", "event_subscriptions", "request_url"));
        var interactivity = new Uri(Scalar("settings", "interactivity", "request_url"));

        Assert.Equal(SlackEndpoints.EventsPath, events.AbsolutePath);
        Assert.Equal(SlackEndpoints.InteractivityPath, interactivity.AbsolutePath);
        Assert.Equal(Uri.UriSchemeHttps, events.Scheme);
        Assert.Equal("true", Scalar("settings", "interactivity", "is_enabled"));
        Assert.Equal("false", Scalar("settings", "socket_mode_enabled"));
    }

    [Fact]
    public void TheBotUserAndDirectMessagesAreEnabledWithinSlacksLengthRules()
    {
        Assert.Equal("2", Scalar("_metadata", "major_version"));
        var name = Scalar("display_information", "name");
        Assert.InRange(name.Length, 1, 35);
        Assert.InRange(Scalar("display_information", "description").Length, 1, 140);
        Assert.Matches("^[a-z0-9._-]{1,80}$", Scalar("features", "bot_user", "display_name"));
        Assert.Equal("true", Scalar("features", "app_home", "messages_tab_enabled"));
        Assert.Equal("false", Scalar("features", "app_home", "messages_tab_read_only_enabled"));
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "manifests", "slack", "manifest.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode Node(params string[] path)
    {
        YamlNode node = Manifest;
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out node!), $"manifest.yaml has no {string.Join('.', path)}");
        }

        return node;
    }

    private static string Scalar(params string[] path) => Assert.IsType<YamlScalarNode>(Node(path)).Value!;

    private static List<string> Sequence(params string[] path) =>
        [.. Assert.IsType<YamlSequenceNode>(Node(path)).Children.Select(c => ((YamlScalarNode)c).Value!)];
}
