namespace Assistant.Rag.Sql;

/// <summary>The limits every query runs under.</summary>
internal sealed record SqlLimits(int RowLimit, int CountLimit, TimeSpan Timeout, int MaxResultBytes)
{
    public static SqlLimits From(SqlOptions options) =>
        new(options.RowLimit, options.CountLimit, TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), options.MaxResultBytes);
}
