using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels;

/// <summary>Registers what every channel shares: the pipeline, answer and vote recording, the work queue.</summary>
internal static class ChannelServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates "Channels" at start and adds the <see cref="ChannelPipeline"/>, <see cref="AnswerRecorder"/>,
    /// <see cref="VoteRecorder"/>, the <see cref="ChannelWorkQueue"/> and its <see cref="ChannelWorker"/>. The host's
    /// shutdown timeout is raised to cover the queue's grace period.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelOptions>()
            .Bind(configuration.GetSection(ChannelOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ChannelOptions>>((host, channels) =>
        {
            // Room after the grace period for the answer records and the rest of the host to stop.
            var needed = TimeSpan.FromSeconds(channels.Value.ShutdownGraceSeconds + 10);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        services.AddSingleton<AnswerRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerRecorder>());
        services.AddSingleton<ChannelPipeline>();
        services.AddSingleton<VoteRecorder>();
        services.AddSingleton<QueryVoteTeacher>();
        services.AddSingleton<ChannelWorkQueue>();
        services.AddHostedService<ChannelWorker>();
        return services;
    }
}
