using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class TextNormalizerTests
{
    [Fact]
    public void WhitespaceCollapsesWithinLinesAndBlankLineRunsBecomeOne()
    {
        // Act
        var text = TextNormalizer.Normalize("  a \u00A0 b\t c  \r\n\r\n\r\n\n d\u0000e \n");

        // Assert
        Assert.Equal("a b c\n\nde", text);
    }

    [Fact]
    public void FlowJoinsLinesWithASpaceExceptBetweenCjkCharacters()
    {
        // Act
        var english = TextNormalizer.Flow("per\n  diem");
        var chinese = TextNormalizer.Flow("每日\n  补贴");
        var mixed = TextNormalizer.Flow("VPN\n连接");

        // Assert
        Assert.Equal("per diem", english);
        Assert.Equal("每日补贴", chinese);
        Assert.Equal("VPN 连接", mixed);
    }

    [Fact]
    public void JoinInsertsNoSpaceBetweenJapaneseWords()
    {
        // Act
        var joined = TextNormalizer.Join("パスワードを", "リセット");

        // Assert
        Assert.Equal("パスワードをリセット", joined);
    }

    [Fact]
    public void TextIsComposedToNfcAndLoneSurrogatesAreDropped()
    {
        // Act
        var text = TextNormalizer.Normalize("Mu\u0308nchen \uD800x");

        // Assert
        Assert.Equal("M\u00FCnchen x", text);
    }
}
