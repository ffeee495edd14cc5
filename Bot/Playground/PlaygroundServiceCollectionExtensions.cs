using Assistant.Bot.Slack;
using Assistant.Bot.Teams;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Playground;

/// <summary>Registers the playground's settings.</summary>
internal static class PlaygroundServiceCollectionExtensions
{
    /// <summary>
    /// Binds "Playground" and, when it runs beside Teams or Slack (its users then anonymous sessions) without
    /// <see cref="PlaygroundOptions.VotesTeach"/>, keeps its votes out of learning.
    /// </summary>
    public static IServiceCollection AddPlayground(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlaygroundOptions>().Bind(configuration.GetSection(PlaygroundOptions.SectionName));
        services.AddOptions<FeedbackOptions>().PostConfigure<IOptions<TeamsOptions>, IOptions<SlackOptions>, IOptions<PlaygroundOptions>>((feedback, teams, slack, playground) =>
        {
            var deployment = teams.Value.Enabled || slack.Value.IsConfigured;
            if (deployment && !playground.Value.VotesTeach && !feedback.IgnoredChannels.Contains(Channels.ChannelNames.Playground))
            {
                feedback.IgnoredChannels.Add(Channels.ChannelNames.Playground);
            }
        });
        return services;
    }
}
