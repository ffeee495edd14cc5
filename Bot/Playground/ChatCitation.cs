using Assistant.Rag.Feedback;

namespace Assistant.Bot.Playground;

/// <summary>A numbered source in a <see cref="ChatResponse"/>.</summary>
/// <param name="N">The number used by the "[n]" markers.</param>
/// <param name="Title">The document title.</param>
/// <param name="Url">The document address or path.</param>
/// <param name="Snippet">The cited excerpt.</param>
/// <param name="Feedback">What votes did to this source's rank and why; null when votes did not touch it.</param>
internal sealed record ChatCitation(int N, string Title, string Url, string Snippet, FeedbackAdjustment? Feedback = null);
