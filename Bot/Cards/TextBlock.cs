namespace Assistant.Bot.Cards;

/// <summary>A block of text. Teams renders a subset of Markdown in it; see <see cref="CardMarkdown"/>.</summary>
/// <param name="Text">The text, already Markdown-escaped where it is not meant as Markdown.</param>
internal sealed record TextBlock(string Text) : CardElement
{
    /// <summary>Wraps long lines instead of cutting them.</summary>
    public bool? Wrap { get; init; } = true;

    /// <summary>Font size, or null for the default.</summary>
    public TextSize? Size { get; init; }

    /// <summary>Font weight, or null for the default.</summary>
    public TextWeight? Weight { get; init; }

    /// <summary>Font family, or null for the default.</summary>
    public FontType? FontType { get; init; }

    /// <summary>Greys the text out when true.</summary>
    public bool? IsSubtle { get; init; }
}
