namespace Assistant.Bot.Hosting;

/// <summary>The probes' JSON body: overall status and one entry per check.</summary>
internal sealed record HealthBody(string Status, IReadOnlyDictionary<string, HealthEntry> Checks);
