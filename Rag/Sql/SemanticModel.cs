using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Assistant.Rag.Sql;

/// <summary>
/// The semantic file of a database (YAML): what it holds, which tables and columns are exposed at all, descriptions and
/// synonyms, and value aliases ("network team" → teams.name = 'Network').
/// </summary>
internal sealed class SemanticModel
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    /// <summary>What the database holds.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The exposed tables by name; empty: every introspected table.</summary>
    public Dictionary<string, SemanticTable> Tables { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Phrases that name a database value.</summary>
    public List<SemanticAlias> Aliases { get; set; } = [];

    /// <summary>Reads a semantic file.</summary>
    /// <exception cref="InvalidDataException">The YAML cannot be read.</exception>
    public static SemanticModel Parse(string yaml, string source)
    {
        try
        {
            var model = Reader.Deserialize<SemanticModel?>(yaml) ?? new SemanticModel();
            model.Tables = new Dictionary<string, SemanticTable>(model.Tables, StringComparer.OrdinalIgnoreCase);
            foreach (var alias in model.Aliases)
            {
                if (string.IsNullOrWhiteSpace(alias.Phrase) || alias.Column.Split('.').Length != 2 || string.IsNullOrEmpty(alias.Value))
                {
                    throw new InvalidDataException($"{source}: every alias needs a phrase, a column as table.column and a value.");
                }
            }

            return model;
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidDataException($"{source}: {exception.Message}", exception);
        }
    }

    /// <summary>What a query may read, given the introspected schema.</summary>
    public SqlExposure Exposure(DatabaseSchema schema)
    {
        var tables = (Tables.Count == 0 ? schema.Tables.Select(t => t.Name) : schema.Tables.Select(t => t.Name).Where(Tables.ContainsKey))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hidden = Tables.SelectMany(t => t.Value.Hidden.Select(c => t.Key + "." + c)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new SqlExposure(tables, hidden);
    }
}
