using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Channels;

/// <summary>The chat channels' shared work queue (section "Channels").</summary>
internal sealed class ChannelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Channels";

    /// <summary>Items accepted and not yet finished, at most; beyond this new work is refused (503, the channel retries).</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Conversations served at the same time; one conversation's items always run one after another.</summary>
    [Range(1, 256)]
    public int MaxParallel { get; set; } = 4;

    /// <summary>On shutdown, how long work already accepted may still run before it is abandoned and its dedupe claim released.</summary>
    [Range(0, 600)]
    public int ShutdownGraceSeconds { get; set; } = 20;
}
