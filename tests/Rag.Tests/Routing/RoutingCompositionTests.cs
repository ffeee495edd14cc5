using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Tests.Routing;

/// <summary>How <c>AddRag</c> composes routing: which router, which routes.</summary>
public sealed class RoutingCompositionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private ServiceProvider Services(Action<IServiceCollection>? more = null, bool graph = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:IndexPath"] = _folder.Path, ["Graph:Enabled"] = graph ? "true" : "false" }).Build();
        var services = new ServiceCollection().AddLogging().AddRag(configuration, _folder.Path);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void WithoutAnLlmTheEmbeddedRouterDecidesOverTheVectorAndKeywordRoutes()
    {
        // Arrange
        using var services = Services();

        // Act
        var router = services.GetRequiredService<IIntentRouter>();
        var fusion = services.GetRequiredService<RouteFusion>();

        // Assert
        Assert.IsType<EmbeddedIntentRouter>(router);
        Assert.Equal([RouteNames.Vector, RouteNames.Keyword], fusion.Routes.Select(r => r.Name));
        Assert.Equal([RouteNames.Sql, RouteNames.Graph], fusion.StructuredRoutes.Select(r => r.Name));
        Assert.False(fusion.CanExpand);
    }

    [Fact]
    public void ARegisteredChatClientPutsTheLlmRouterInFrontAndEnablesExpansion()
    {
        // Arrange
        using var services = Services(s => s.AddSingleton<IChatClient>(ScriptedChatClient.Replying("{}")));

        // Act
        var router = services.GetRequiredService<IIntentRouter>();

        // Assert
        Assert.IsType<LlmIntentRouter>(router);
        Assert.True(services.GetRequiredService<RouteFusion>().CanExpand);
    }

    [Fact]
    public void AnotherRegisteredRouteJoinsTheRoutesTheRouterChoosesFrom()
    {
        // Arrange
        using var services = Services(s => s.AddSingleton<IRetrievalRoute>(FakeRoute.Returning(RouteNames.Graph)), graph: false);

        // Act
        var fusion = services.GetRequiredService<RouteFusion>();

        // Assert: the text routes and the registered one; the SQL route is a structured route of its own
        Assert.Equal([RouteNames.Vector, RouteNames.Keyword, RouteNames.Graph], fusion.Routes.Select(r => r.Name));
        Assert.Equal([RouteNames.Sql], fusion.StructuredRoutes.Select(r => r.Name));
    }

    public void Dispose() => _folder.Dispose();
}
