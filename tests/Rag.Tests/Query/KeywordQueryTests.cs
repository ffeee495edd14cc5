using Assistant.Rag.Query;

namespace Assistant.Rag.Tests.Query;

public sealed class KeywordQueryTests
{
    [Theory]
    [InlineData("How do I reset my password?", "reset password")]
    [InlineData("Could you please tell me how many days of annual leave I get?", "many days annual leave")]
    [InlineData("Who runs the IT service desk?", "runs IT service desk")]
    [InlineData("请问怎么申请年假？", "申请年假")]
    [InlineData("上海办公室的Wi-Fi密码是多少？", "上海办公室 Wi-Fi 密码")]
    public void StopWordsAndFillersAreRemovedForTheKeywordRoute(string question, string expected)
    {
        Assert.Equal(expected, KeywordQuery.From(question));
    }

    [Fact]
    public void AQuestionOfNothingButStopWordsIsKeptWhole()
    {
        Assert.Equal("What is it?", KeywordQuery.From("What is it?"));
    }
}
