namespace Assistant.Rag.Sql;

/// <summary>An example's SQL adapted to a question: the SQL, how much the adaptation is trusted (0..1), and the answer template.</summary>
internal sealed record AdaptedQuery(string Sql, double Trust, string? Answer);
