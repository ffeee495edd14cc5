namespace Assistant.Rag.Graph;

/// <summary>One binding of variables to values while a query runs; immutable, extended by copying.</summary>
internal sealed class Row
{
    private readonly Dictionary<string, object?> _values;

    private Row(Dictionary<string, object?> values) => _values = values;

    public static Row Empty { get; } = new(new Dictionary<string, object?>(StringComparer.Ordinal));

    public IEnumerable<string> Names => _values.Keys;

    public bool IsBound(string name) => _values.ContainsKey(name);

    public bool TryGet(string name, out object? value) => _values.TryGetValue(name, out value);

    public object? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public Row With(string name, object? value)
    {
        var values = new Dictionary<string, object?>(_values, StringComparer.Ordinal) { [name] = value };
        return new Row(values);
    }

    public static Row From(IEnumerable<KeyValuePair<string, object?>> values) => new(new Dictionary<string, object?>(values, StringComparer.Ordinal));

    /// <summary>This row with <paramref name="overrides"/> on top (the projection's aliases over the row they came from).</summary>
    public Row Merge(Row overrides)
    {
        var values = new Dictionary<string, object?>(_values, StringComparer.Ordinal);
        foreach (var (key, value) in overrides._values)
        {
            values[key] = value;
        }

        return new Row(values);
    }
}
