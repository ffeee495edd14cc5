namespace Assistant.LoadTool.Running;

/// <summary>The common options of one run.</summary>
/// <param name="Json">Print JSON instead of tables.</param>
/// <param name="IndexCache">The prepared index folder copied into the run.</param>
/// <param name="Keep">Keep the bot's working folder afterwards.</param>
internal sealed record RunSettings(bool Json, string IndexCache, bool Keep)
{
    /// <summary>Starts the bot with <paramref name="settings"/>; see <see cref="BotProcess.StartAsync"/>.</summary>
    public Task<BotProcess> StartBotAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        BotProcess.StartAsync(IndexCache, settings, cancellationToken);

    /// <summary>Kills the bot and, unless --keep, removes its folder; says where the log is when kept.</summary>
    public async Task StopBotAsync(BotProcess bot)
    {
        await bot.DisposeAsync().ConfigureAwait(false);
        if (Keep)
        {
            Progress.Say($"bot folder kept: {bot.WorkFolder} (bot.log inside)");
        }
        else
        {
            bot.DeleteWorkFolder();
        }
    }
}
