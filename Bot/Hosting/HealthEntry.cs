namespace Assistant.Bot.Hosting;

/// <summary>One dependency in the probes' JSON body.</summary>
internal sealed record HealthEntry(string Status, string Description, double DurationMs);
