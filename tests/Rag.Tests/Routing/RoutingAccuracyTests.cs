using System.Globalization;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Assistant.Rag.Tests.Routing;

/// <summary>
/// The embedded router (real MiniLM, the shipped examples) on the held-out labelled questions in Routing/Data/heldout.jsonl,
/// which share no question with the training examples.
/// </summary>
public sealed class RoutingAccuracyTests
{
    /// <summary>Held-out primary-route accuracy must not fall below this (measured 0.xx when it was set).</summary>
    private const double Floor = 0.80;

    private readonly ITestOutputHelper _output;

    public RoutingAccuracyTests(ITestOutputHelper output) => _output = output;

    internal static IReadOnlyList<RoutingExample> HeldOut()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Routing", "Data", "heldout.jsonl");
        using var stream = File.OpenRead(path);
        return RoutingExample.Read(stream, path);
    }

    [Fact]
    public void TheLabelledSetCoversEveryRouteInBothLanguagesAndTheSplitsDoNotOverlap()
    {
        // Arrange
        var training = RoutingExample.Embedded();
        var heldOut = HeldOut();

        // Act
        var cells = training.Concat(heldOut).GroupBy(e => (e.Route, e.Language)).ToDictionary(g => g.Key, g => g.Count());

        // Assert
        Assert.True(training.Count + heldOut.Count >= 200, $"{training.Count + heldOut.Count} labelled questions");
        foreach (var route in RouteNames.All)
        {
            Assert.True(cells.GetValueOrDefault((route, LanguageDetector.English)) >= 25, $"{route}/en");
            Assert.True(cells.GetValueOrDefault((route, LanguageDetector.Chinese)) >= 20, $"{route}/zh");
            Assert.True(heldOut.Count(e => e.Route == route) >= 15, $"held-out {route}");
        }

        Assert.All(training.Concat(heldOut), e => Assert.Equal(e.Language, LanguageDetector.Detect(e.Question)));
        Assert.Empty(training.Select(e => e.Question).Intersect(heldOut.Select(e => e.Question), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheEmbeddedRouterPicksTheLabelledRouteForMostHeldOutQuestions()
    {
        // Arrange
        var router = new EmbeddedIntentRouter(SharedModel.Embedder, new FixedOptions<RoutingOptions>(new RoutingOptions()), NullLogger<EmbeddedIntentRouter>.Instance);
        var heldOut = HeldOut();

        // Act
        var predicted = new List<(RoutingExample Example, string Route)>();
        foreach (var example in heldOut)
        {
            var embedding = await SharedModel.Embedder.GenerateVectorAsync(example.Question);
            var scores = await router.ScoreAsync(new RoutingQuestion(example.Question, example.Language, embedding));
            predicted.Add((example, scores.Primary));
        }

        // Assert
        var accuracy = Accuracy(predicted);
        foreach (var group in predicted.GroupBy(p => (p.Example.Route, p.Example.Language)).OrderBy(g => g.Key))
        {
            _output.WriteLine($"{group.Key.Route}/{group.Key.Language}: {Accuracy([.. group]):0.000} ({group.Count()})");
        }

        foreach (var miss in predicted.Where(p => p.Route != p.Example.Route))
        {
            _output.WriteLine($"miss: {miss.Example.Route} → {miss.Route}: {miss.Example.Question}");
        }

        _output.WriteLine($"held-out accuracy: {accuracy.ToString("0.000", CultureInfo.InvariantCulture)} of {predicted.Count}");
        Assert.True(accuracy >= Floor, $"held-out routing accuracy {accuracy:0.000} is below {Floor}");
        Assert.All(RouteNames.All, route => Assert.True(Accuracy([.. predicted.Where(p => p.Example.Route == route)]) >= 0.6, route));
    }

    private static double Accuracy(IReadOnlyList<(RoutingExample Example, string Route)> predicted) =>
        predicted.Count == 0 ? 0 : (double)predicted.Count(p => p.Route == p.Example.Route) / predicted.Count;
}
