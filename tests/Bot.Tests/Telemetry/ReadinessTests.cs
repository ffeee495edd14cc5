using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Tests.Telemetry;

/// <summary>/readyz and /healthz on ASP.NET Core health checks: what an orchestrator and an operator see.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task AReadyAssistantReportsEveryDependencyHealthy()
    {
        using var app = new ReadinessAppFactory();
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal(["feedback", "index"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("healthy", checks.GetProperty("index").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("feedback").GetProperty("status").GetString());
    }

    [Fact]
    public async Task RedisAtAClosedPortIsReportedDegradedAndReadinessStays200()
    {
        using var app = new ReadinessAppFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = $"127.0.0.1:{ClosedPort()}" });
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var redis = body.GetProperty("checks").GetProperty("redis");
        Assert.Equal("degraded", redis.GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", redis.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("index").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AFeedbackStoreThatIsDownIsDegradedWithoutItsHostAndReadinessStays200()
    {
        using var app = new ReadinessAppFactory(services: services =>
        {
            services.RemoveAll<IFeedbackStore>();
            services.AddSingleton<IFeedbackStore, UnreachableFeedbackStore>();
        });
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var feedback = body.GetProperty("checks").GetProperty("feedback");
        Assert.Equal("degraded", feedback.GetProperty("status").GetString());
        Assert.DoesNotContain("db.internal", feedback.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeTheIndexIsLoadedReadinessIs503WithTheIndexUnhealthyWhileLivenessIs200()
    {
        using var app = new ReadinessAppFactory();
        app.Assistant.Ready = false;
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/readyz");
        var (live, _) = await GetAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("index").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    // A port that was free a moment ago: nothing listens there, so connecting is refused at once.
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
