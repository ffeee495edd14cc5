namespace Assistant.Bot.Playground;

/// <summary>A retrieval route in a <see cref="ChatResponse"/>.</summary>
/// <param name="Name">"vector", "keyword", "graph" or "sql".</param>
/// <param name="Weight">Its weight in fusion.</param>
/// <param name="Reason">Why the router chose it.</param>
/// <param name="Hits">How many hits it returned.</param>
internal sealed record ChatRoute(string Name, double Weight, string Reason, int Hits);
