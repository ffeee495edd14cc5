namespace Assistant.Bot.Cards;

/// <summary>A column of a <see cref="Table"/>; <paramref name="Width"/> is its relative width.</summary>
internal sealed record TableColumnDefinition(int Width);
