namespace Assistant.Rag.Routing;

/// <summary>Decides which routes answer a question and with what weight.</summary>
/// <remarks>Implementations are thread-safe and never throw for a bad question: when unsure they choose vector + keyword.</remarks>
public interface IIntentRouter
{
    /// <summary>
    /// Chooses among <paramref name="available"/> (the registered routes) for <paramref name="question"/>. The result names
    /// only available routes and at least one of them when any is available.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<RouteDecision> RouteAsync(RoutingQuestion question, IReadOnlyList<IRoute> available, CancellationToken cancellationToken = default);
}
