namespace Assistant.Rag.Ingestion;

/// <summary>
/// Collects paragraphs under a heading path while a parser walks a document in reading order, and emits the
/// non-empty sections. Headings nest by level: a level-2 heading after a level-1 heading gives "A › B".
/// </summary>
/// <remarks>Not thread-safe; one instance per parse.</remarks>
internal sealed class SectionBuilder
{
    /// <summary>The separator between the headings of a heading path.</summary>
    public const string PathSeparator = " › ";

    private readonly List<(int Level, string Text)> _path = [];
    private readonly List<string> _paragraphs = [];
    private readonly List<DocumentSection> _sections = [];

    /// <summary>Starts a section under a heading of <paramref name="level"/> (1 is the top); an empty heading is ignored.</summary>
    public void StartSection(int level, string heading)
    {
        var text = TextNormalizer.Flow(heading);
        if (text.Length == 0)
        {
            return;
        }

        Flush();
        while (_path.Count > 0 && _path[^1].Level >= level)
        {
            _path.RemoveAt(_path.Count - 1);
        }

        _path.Add((level, text));
    }

    /// <summary>Adds one paragraph (which may span several lines) to the current section; blank text is ignored.</summary>
    public void AddParagraph(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length > 0)
        {
            _paragraphs.Add(normalized);
        }
    }

    /// <summary>The sections collected so far, in reading order, without sections that have no text.</summary>
    public IReadOnlyList<DocumentSection> Build()
    {
        Flush();
        return _sections.ToArray();
    }

    private void Flush()
    {
        if (_paragraphs.Count == 0)
        {
            return;
        }

        var heading = string.Join(PathSeparator, _path.Select(entry => entry.Text));
        _sections.Add(new DocumentSection(heading, string.Join("\n\n", _paragraphs)));
        _paragraphs.Clear();
    }
}
