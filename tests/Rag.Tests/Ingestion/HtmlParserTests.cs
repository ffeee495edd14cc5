using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class HtmlParserTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <title>Wi-Fi at the Berlin office</title>
          <meta name="description" content="How to join the office network">
          <style>body { color: red; }</style>
        </head>
        <body>
          <nav><a href="/">Home</a> | <a href="/it">IT</a></nav>
          <h1>Wi-Fi</h1>
          <p>Join   <b>FH-Corp</b>
             with your laptop.</p>
          <h2>Guests</h2>
          <p>Use FH-Guest.<br>The password changes every Monday.</p>
          <ul><li>Ask reception</li><li>Show ID</li></ul>
          <h3>Printers</h3>
          <table>
            <tr><th>Floor</th><th>Printer</th></tr>
            <tr><td>2</td><td>PR-B2-01</td></tr>
          </table>
          <script>alert('x')</script>
          <footer>© Fernhill Labs</footer>
        </body>
        </html>
        """;

    private readonly HtmlParser _parser = new();

    [Fact]
    public void TitleSectionsAndTextComeFromTheMarkup()
    {
        // Act
        var document = _parser.Parse(TestFiles.Utf8(Page), "wifi.html");

        // Assert
        Assert.Equal("Wi-Fi at the Berlin office", document.Title);
        Assert.Equal(["Wi-Fi", "Wi-Fi › Guests", "Wi-Fi › Guests › Printers"], document.Sections.Select(section => section.Heading));
        Assert.Equal("Join FH-Corp with your laptop.", document.Sections[0].Text);
        Assert.Equal("Use FH-Guest.\nThe password changes every Monday.\n\n- Ask reception\n- Show ID", document.Sections[1].Text);
        Assert.Equal("Floor: 2; Printer: PR-B2-01", document.Sections[2].Text);
        Assert.Equal("How to join the office network", document.Metadata["description"]);
        Assert.Equal("en", document.Metadata["language"]);
    }

    [Fact]
    public void ScriptStyleNavigationAndFooterAreDropped()
    {
        // Act
        var text = string.Join("\n", _parser.Parse(TestFiles.Utf8(Page), "wifi.html").Sections.Select(section => section.Text));

        // Assert
        Assert.DoesNotContain("alert", text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", text, StringComparison.Ordinal);
        Assert.DoesNotContain("©", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTitleElementTheFirstH1IsTheTitle()
    {
        // Act
        var document = _parser.Parse(TestFiles.Utf8("<h1>打印机</h1><p>上海办公室的打印机在三楼。</p>"), "printer.htm");

        // Assert
        Assert.Equal("打印机", document.Title);
        Assert.Equal("上海办公室的打印机在三楼。", document.Sections.Single().Text);
    }

    [Fact]
    public void ALineBreakInsideChineseSourceTextAddsNoSpace()
    {
        // Act
        var document = _parser.Parse(TestFiles.Utf8("<p>请在五个工作日内\n完成入职培训。</p>"), "onboarding.html");

        // Assert
        Assert.Equal("请在五个工作日内完成入职培训。", document.Sections.Single().Text);
    }

    [Fact]
    public void ALegacyEncodingDeclaredInAMetaTagIsHonoured()
    {
        // Arrange
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var html = "<html><head><meta charset=\"gbk\"><title>差旅</title></head><body><p>每日补贴二百元。</p></body></html>";
        var bytes = System.Text.Encoding.GetEncoding("gbk").GetBytes(html);

        // Act
        var document = _parser.Parse(new MemoryStream(bytes), "travel.html");

        // Assert
        Assert.Equal("差旅", document.Title);
        Assert.Equal("每日补贴二百元。", document.Sections.Single().Text);
    }

    [Fact]
    public void BinaryGarbageIsRejected()
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(TestFiles.Garbage()), "page.html"));

        // Assert
        Assert.Contains("page.html", exception.Message, StringComparison.Ordinal);
    }
}
