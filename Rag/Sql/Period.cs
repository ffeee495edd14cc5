namespace Assistant.Rag.Sql;

/// <summary>A date range a question names, [Start, End), and where in the question it was said.</summary>
internal sealed record Period(DateOnly Start, DateOnly End, int At, int Length);
