using System.Net;
using Assistant.Bot.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// One real app for every end-to-end test class: started on a loopback port (so a browser can reach it too),
/// then polled on /readyz until the fixture knowledge base is indexed. Building the index once keeps the
/// suite fast; tests that change state (votes) use answer ids of their own.
/// </summary>
public sealed class RealEngineFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly TempFolder _index = new();
    private readonly List<HttpStatusCode> _readiness = [];

    public RealEngineFixture() => App = new RealEngineApp(_index.Path);

    public RealEngineApp App { get; }

    /// <summary>A client of the Kestrel server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Every /readyz status seen while waiting, in order; the last is 200.</summary>
    public IReadOnlyList<HttpStatusCode> ReadinessWhileStarting => _readiness;

    /// <summary>The /healthz status asked right after start, before the index was ready.</summary>
    public HttpStatusCode HealthWhileStarting { get; private set; }

    public async Task InitializeAsync()
    {
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        Address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = App.CreateClient();
        Client.Timeout = TimeSpan.FromMinutes(1);

        HealthWhileStarting = (await Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode;
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        try
        {
            while (true)
            {
                var status = (await Client.GetAsync(new Uri("/readyz", UriKind.Relative), timeout.Token)).StatusCode;
                _readiness.Add(status);
                if (status != HttpStatusCode.ServiceUnavailable)
                {
                    break;
                }

                await Task.Delay(PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"/readyz was still 503 after {ReadyTimeout}: indexing {RealEngineApp.KnowledgeBase} failed or hung (see the log).");
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await App.DisposeAsync();
        _index.Dispose();
    }
}
