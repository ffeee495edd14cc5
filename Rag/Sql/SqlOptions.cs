using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Sql;

/// <summary>
/// The SQL route (configuration section "Sql"): the databases it answers from and the limits every query runs under.
/// With no databases configured the embedded Fernhill Labs sample database is used.
/// </summary>
public sealed class SqlOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Sql";

    /// <summary>False: the route declines every question and opens nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The databases; empty means the embedded sample database ("fernhill").</summary>
    public List<SqlDatabaseOptions> Databases { get; set; } = [];

    /// <summary>Rows kept per result; more are counted (up to <see cref="CountLimit"/>) and the table says it was cut.</summary>
    [Range(1, 10_000)]
    public int RowLimit { get; set; } = 50;

    /// <summary>Rows counted beyond the row limit before counting stops.</summary>
    [Range(1, 10_000_000)]
    public int CountLimit { get; set; } = 100_000;

    /// <summary>Time one query may run, in milliseconds, before it is stopped.</summary>
    [Range(10, 600_000)]
    public int TimeoutMilliseconds { get; set; } = 3000;

    /// <summary>Bytes of cell text kept per result; rows beyond it are cut.</summary>
    [Range(1024, 100_000_000)]
    public int MaxResultBytes { get; set; } = 256 * 1024;

    /// <summary>Confidence below which the embedded NL2SQL runs nothing and declines (measured with eval-sql).</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.72;

    /// <summary>Minutes between schema refreshes (0: only at start and on demand).</summary>
    [Range(0, 10_080)]
    public int RefreshMinutes { get; set; } = 60;

    /// <summary>
    /// Seconds the LLM may take to write one query (the repair round has as long again); both fit in
    /// Routing:StructuredRouteBudgetMilliseconds.
    /// </summary>
    [Range(1, 600)]
    public int LlmTimeoutSeconds { get; set; } = 8;

    /// <summary>Distinct users whose 👍 on the same question and query make it a learned example.</summary>
    [Range(1, 1000)]
    public int LearnAfterVotes { get; set; } = 3;

    /// <summary>Most learned examples kept per database (the oldest go first).</summary>
    [Range(0, 100_000)]
    public int MaxLearnedExamples { get; set; } = 500;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Databases.Count; i++)
        {
            var database = Databases[i];
            var prefix = $"{SectionName}:Databases:{i}";
            if (string.IsNullOrWhiteSpace(database.Name) || !database.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                yield return new ValidationResult($"{prefix}:Name must be letters, digits, '-' or '_' (got '{database.Name}').", [nameof(Databases)]);
            }
            else if (!names.Add(database.Name))
            {
                yield return new ValidationResult($"{prefix}:Name '{database.Name}' is used twice.", [nameof(Databases)]);
            }

            if (database.Provider is not (SqlDatabaseOptions.Sqlite or SqlDatabaseOptions.Postgres))
            {
                yield return new ValidationResult($"{prefix}:Provider must be 'sqlite' or 'postgres' (got '{database.Provider}').", [nameof(Databases)]);
            }

            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                yield return new ValidationResult($"{prefix}:ConnectionString is required.", [nameof(Databases)]);
            }
        }
    }
}
