using Assistant.Rag.Query;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Query;

/// <summary>RAG-Fusion, step-back and HyDE prompts through a scripted chat client.</summary>
public sealed class QueryExpanderTests
{
    private static QueryExpander Expander(ScriptedChatClient? chat) => new(TestLlm.Calls(chat));

    [Fact]
    public async Task WithoutAnLlmNothingIsAddedWhateverTheSwitchesSay()
    {
        // Act
        var expansion = await Expander(null).ExpandAsync("Why does the VPN drop?", new QueryExpansionOptions { MultiQuery = true, StepBack = true, Hyde = true });

        // Assert
        Assert.Same(QueryExpansion.None, expansion);
    }

    [Fact]
    public async Task MultiQueryKeepsUpToTheLimitOfDistinctRephrasingsWithoutListMarkers()
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("1. VPN keeps disconnecting\n2) GlobalProtect drops\n- vpn keeps disconnecting\n* Why does the VPN drop?\n3. VPN gateway Frankfurt\n4. fourth one");

        // Act
        var expansion = await Expander(chat).ExpandAsync("Why does the VPN drop?", new QueryExpansionOptions { MultiQuery = true, MaxAlternatives = 3 });

        // Assert
        Assert.Equal(["VPN keeps disconnecting", "GlobalProtect drops", "VPN gateway Frankfurt"], expansion.Alternatives);
        Assert.Null(expansion.StepBack);
        Assert.Null(expansion.Hypothetical);
        Assert.Contains("up to 3", Assert.Single(chat.Requests)[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Why does the VPN drop every few minutes?", true)]
    [InlineData("How do I book a flight?", true)]
    [InlineData("为什么报销被退回了？", true)]
    [InlineData("What is the hotel cap in London?", false)]
    public async Task StepBackIsAskedOnlyForWhyAndHowQuestions(string question, bool asked)
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("What is the company's policy on remote network access?");

        // Act
        var expansion = await Expander(chat).ExpandAsync(question, new QueryExpansionOptions { StepBack = true });

        // Assert
        Assert.Equal(asked, chat.Requests.Count == 1);
        Assert.Equal(asked ? "What is the company's policy on remote network access?" : null, expansion.StepBack);
    }

    [Fact]
    public async Task HydeReturnsTheHypotheticalPassage()
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("  Install GlobalProtect and enter the portal address vpn.contoso.com.  ");

        // Act
        var expansion = await Expander(chat).ExpandAsync("Which address do I enter?", new QueryExpansionOptions { Hyde = true });

        // Assert
        Assert.Equal("Install GlobalProtect and enter the portal address vpn.contoso.com.", expansion.Hypothetical);
        Assert.Empty(expansion.Alternatives);
    }

    [Fact]
    public async Task AFailingLlmAddsNothingAndThrowsNothing()
    {
        // Arrange
        var chat = ScriptedChatClient.Failing(new HttpRequestException("500 Internal Server Error", null, System.Net.HttpStatusCode.InternalServerError));

        // Act
        var expansion = await Expander(chat).ExpandAsync("Why does the VPN drop?", new QueryExpansionOptions { MultiQuery = true, StepBack = true, Hyde = true });

        // Assert
        // Three calls, each an attempt and the policy's two retries of a 500.
        Assert.Equal(3 * 3, chat.Requests.Count);
        Assert.Equal((0, null, null), (expansion.Alternatives.Count, expansion.StepBack, expansion.Hypothetical));
    }

    [Fact]
    public async Task ALateLlmAddsNothingOnceTheTimeoutPasses()
    {
        // Arrange
        var chat = ScriptedChatClient.Hanging();

        // Act
        var expansion = await Expander(chat).ExpandAsync("Why does the VPN drop?", new QueryExpansionOptions { Hyde = true, TimeoutSeconds = 1 });

        // Assert
        Assert.Null(expansion.Hypothetical);
    }
}
