using System.Text.Json.Nodes;
using Assistant.Bot.Teams;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Teams;

/// <summary>A fake Bot Framework and the bot configured against it, with a client of the bot.</summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    private int _questions;

    /// <summary>A host over any bot factory configured against <paramref name="fake"/>; the host disposes both.</summary>
    public TeamsTestHost(FakeBotFramework fake, WebApplicationFactory<Program> app)
    {
        Fake = fake;
        Factory = app;
        Client = app.CreateClient();
    }

    /// <summary>The bot.</summary>
    public WebApplicationFactory<Program> Factory { get; }

    public FakeBotFramework Fake { get; }

    /// <summary>The bot, when it is the scripted <see cref="TeamsAppFactory"/>.</summary>
    public TeamsAppFactory App => (TeamsAppFactory)Factory;

    public HttpClient Client { get; }

    public static async Task<TeamsTestHost> StartAsync(
        Func<FakeBotFramework, IReadOnlyDictionary<string, string?>>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var fake = await FakeBotFramework.StartAsync();
        return new TeamsTestHost(fake, new TeamsAppFactory(fake, settings?.Invoke(fake), services));
    }

    /// <summary>Posts an activity with a valid token (or <paramref name="token"/>).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        using var request = TeamsActivities.Post(activity, token ?? Fake.CreateToken());
        return await Client.SendAsync(request);
    }

    /// <summary>Posts an invoke and returns its status and JSON body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonNode? Body)> InvokeAsync(JsonObject activity)
    {
        using var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>
    /// Asks a question in a personal chat and waits for typing and the reply (and, for an answer card, until the bot
    /// has stored the reply's id); returns the reply.
    /// </summary>
    public async Task<FakeBotFramework.ConnectorRequest> AskAsync(string question = "How do I book a flight?")
    {
        var before = Fake.ConnectorRequests.Count;
        var activity = TeamsActivities.Message(Fake.ServiceUrl, question);
        activity["id"] = $"17000000{Interlocked.Increment(ref _questions):D5}"; // a new message each time, not a redelivery
        using var response = await PostAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var requests = await Fake.WaitForConnectorRequestsAsync(before + 2);
        var reply = requests.Skip(before).Single(r => r.Type == "message");
        if (reply.CreatedId is { } id && reply.Body["attachments"] is not null)
        {
            await WaitUntilRecordedAsync(TeamsActivities.PersonalConversation, id);
        }

        // The answer's record in the feedback store is written beside the reply.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Factory.Services.GetRequiredService<Assistant.Bot.Channels.AnswerRecorder>().DrainAsync(timeout.Token);
        return reply;
    }

    /// <summary>
    /// Waits until the bot has stored which answer message <paramref name="activityId"/> carried: it does so right
    /// after the connector answers, so a feedback invoke sent sooner would find nothing.
    /// </summary>
    public async Task WaitUntilRecordedAsync(string conversationId, string activityId)
    {
        var store = Factory.Services.GetRequiredService<TeamsReplyStore>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await store.FindByActivityAsync(conversationId, activityId, cts.Token) is null)
        {
            await Task.Delay(25, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
