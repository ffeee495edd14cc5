namespace Assistant.Bot.Playground;

/// <summary>The playground's settings (section "Playground").</summary>
internal sealed class PlaygroundOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Playground";

    /// <summary>
    /// Null (the default): the playground is on only while neither Teams nor Slack is configured, so a fresh install
    /// can be tried and a real deployment has no open door. True or false decides it outright.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Whether playground votes change ranking when the playground runs beside Teams or Slack, where its users are
    /// anonymous sessions rather than verified identities. Off by default; on an install without Teams or Slack the
    /// playground is the only channel and its votes always count.
    /// </summary>
    public bool VotesTeach { get; set; }
}
