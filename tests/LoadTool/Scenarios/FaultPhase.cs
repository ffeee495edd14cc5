namespace Assistant.LoadTool.Scenarios;

/// <summary>One phase of the fault run: its name and what is done to the services as it begins.</summary>
/// <param name="Name">e.g. "redis down".</param>
/// <param name="Begin">Kills or restarts a service, or switches the LLM stand-in.</param>
/// <param name="Recovery">True for a phase that follows an outage: answers and votes should work again.</param>
internal sealed record FaultPhase(string Name, Func<Task> Begin, bool Recovery = false);
