namespace Assistant.Bot.Cards;

/// <summary>One numbered source as every channel shows it, already cut to the shared limits.</summary>
/// <param name="N">Its number, as the answer's "[n]" markers use it.</param>
/// <param name="Title">One line, never empty ("Untitled").</param>
/// <param name="Link">An absolute http(s) address to link the title to, or null.</param>
/// <param name="Location">A non-web address (a path) to show as text, or null.</param>
/// <param name="Snippet">One line, possibly empty.</param>
internal sealed record SourceView(int N, string Title, string? Link, string? Location, string Snippet);
