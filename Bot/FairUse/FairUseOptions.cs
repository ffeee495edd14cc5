using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.FairUse;

/// <summary>
/// Per-user and per-conversation request allowances on every channel (configuration section "FairUse"), so one
/// user flooding the bot cannot use up what the others need.
/// </summary>
internal sealed class FairUseOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "FairUse";

    /// <summary>
    /// Questions and votes one user may send per minute on one channel; on the playground, per session. 60 lets a
    /// person (or a test at one question a second, as issue 19's measurement sends) through and stops a script.
    /// </summary>
    [Range(1, 100_000)]
    public int PerUserPerMinute { get; set; } = 60;

    /// <summary>Questions and votes one conversation (a Teams chat or channel, a Slack channel) may receive per minute.</summary>
    [Range(1, 1_000_000)]
    public int PerConversationPerMinute { get; set; } = 120;

    /// <summary>
    /// Most users and conversations tracked at once; beyond this, partitions idle longest are dropped first (an idle
    /// partition has its whole allowance anyway, so dropping it changes nothing but memory).
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxPartitions { get; set; } = 100_000;
}
