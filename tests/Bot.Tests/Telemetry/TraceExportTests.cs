using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Assistant.Bot.Tests.EndToEnd;
using Assistant.Bot.Tests.Playground;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Assistant.Bot.Tests.Telemetry;

/// <summary>One real turn's trace, exported over OTLP/HTTP to a loopback receiver and decoded from the wire.</summary>
public sealed class TraceExportTests
{
    private const string Question = "Who can take a sabbatical?";

    [Fact]
    public async Task ATurnsTraceReachesTheOtlpReceiverAsOneTreeWithoutTheQuestionsText()
    {
        using var receiver = new OtlpReceiver();
        using var index = new TempFolder();
        await using var app = new RealEngineApp(index.Path, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        using var client = await app.CreateReadyClientAsync();
        // The caller's traceparent is continued, which picks this turn out of anything else the process traced.
        var caller = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();
        // The question also rides in the query string: neither it nor the JSON body may reach a span.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/chat?q=" + Uri.EscapeDataString(Question), UriKind.Relative))
        {
            Content = JsonContent.Create(new { conversationId = "otlp-conv", userId = "otlp-user", text = Question }),
        };
        request.Headers.Add("traceparent", $"00-{caller}-{callerSpan}-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = await TraceAsync(app, receiver, caller);
        var byId = spans.ToDictionary(s => s.SpanId);
        foreach (var (name, parent) in ExpectedTurnSpans.Spans)
        {
            var span = Assert.Single(spans, s => s.Name == name);
            if (parent is null)
            {
                Assert.Equal(callerSpan, span.ParentSpanId);
            }
            else
            {
                Assert.True(byId.TryGetValue(span.ParentSpanId, out var actual), $"The parent of '{name}' was not exported.");
                Assert.Equal(parent, actual.Name);
            }
        }

        Assert.All(spans, s => Assert.Equal("assistant-bot", s.ServiceName));
        Assert.Equal("Assistant.Rag", Assert.Single(spans, s => s.Name == "answer").Scope);
        AssertNowhere(receiver.AllBodies, Question);
        AssertNowhere(receiver.AllBodies, Uri.EscapeDataString(Question));
        AssertNowhere(receiver.Bodies("/v1/traces"), "sabbatical"); // nor the document's title or path
    }

    [Fact]
    public void WithoutAnOtlpEndpointNoTracerIsRegistered()
    {
        using var app = new PlaygroundAppFactory();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    // The request span ends after the response is written, so it may miss the first flush.
    private static async Task<IReadOnlyList<OtlpSpan>> TraceAsync(RealEngineApp app, OtlpReceiver receiver, string traceId)
    {
        var tracer = app.Services.GetRequiredService<TracerProvider>();
        var expected = ExpectedTurnSpans.Spans.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            tracer.ForceFlush(5000);
            var spans = receiver.Bodies("/v1/traces").SelectMany(OtlpTraceDecoder.Decode).Where(s => s.TraceId == traceId).ToList();
            if (expected.IsSubsetOf(spans.Select(s => s.Name)) || timeout.IsCancellationRequested)
            {
                return spans;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static void AssertNowhere(IReadOnlyList<byte[]> bodies, string text)
    {
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body => Assert.DoesNotContain(text, Encoding.Latin1.GetString(body), StringComparison.OrdinalIgnoreCase));
    }
}
