using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text) => [.. SentenceSplitter.Split(text).Select(r => text[r])];

    [Fact]
    public void EnglishSplitsAtSentenceEndsButNotAtAbbreviationsOrDecimals()
    {
        var text = "Per diem is 45.50 EUR a day, e.g. for Berlin. Book through Navan! Dr. Lee approves trips over 3 days? Yes.";

        var sentences = Sentences(text);

        Assert.Equal(
            ["Per diem is 45.50 EUR a day, e.g. for Berlin.", "Book through Navan!", "Dr. Lee approves trips over 3 days?", "Yes."],
            sentences);
    }

    [Fact]
    public void ChineseSplitsOnFullWidthPunctuation()
    {
        var text = "上海办公室位于静安区。访客需要提前登记！周末开放吗？不开放；请提前预约。";

        var sentences = Sentences(text);

        Assert.Equal(["上海办公室位于静安区。", "访客需要提前登记！", "周末开放吗？", "不开放；", "请提前预约。"], sentences);
    }

    [Fact]
    public void LineBreaksEndSentencesSoListItemsAndTableRowsStandAlone()
    {
        var text = "Steps to follow\n\nOpen the portal\n- Click Reset\n- Enter the code\nCity: Berlin; Cap: €160\nCity: London; Cap: £210";

        var sentences = Sentences(text);

        Assert.Equal(["Steps to follow", "Open the portal", "- Click Reset", "- Enter the code", "City: Berlin; Cap: €160", "City: London; Cap: £210"], sentences);
    }

    [Fact]
    public void BlankTextHasNoSentences()
    {
        Assert.Empty(SentenceSplitter.Split("   \n\n  "));
    }
}
