using System.CommandLine;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>feedback reset</c>: makes ranking forget every vote cast so far (learned memory, item priors and route weights
/// return to neutral). The votes stay in the store for analytics. A running server picks the reset up within
/// <c>Rag:Feedback:RefreshSeconds</c>.
/// </summary>
internal static class FeedbackCommand
{
    public static Command Create()
    {
        var reset = new Command("reset", "Reset the weights learned from votes (votes are kept for analytics).");
        reset.SetAction(async (_, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            var services = host.Services;
            try
            {
                var setAside = await services.GetRequiredService<IFeedbackHistory>().ResetLearningAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken).ConfigureAwait(false);
                services.GetRequiredService<FeedbackLearning>().Invalidate();
                await Console.Out.WriteLineAsync($"Learned feedback weights reset: {setAside} stored vote(s) no longer affect ranking.").ConfigureAwait(false);
                return 0;
            }
            catch (FeedbackStoreException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return new Command("feedback", "Administer what the assistant learned from 👍/👎 votes.") { reset };
    }
}
