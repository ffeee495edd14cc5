using Assistant.Bot.Cards;
using Assistant.Bot.Playground;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);

// Cards and playground: ProblemDetails for every HTTP error, the Adaptive Card renderer, the clock votes are stamped with.
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<AdaptiveCardRenderer>();
builder.Services.TryAddSingleton(TimeProvider.System);

var app = builder.Build();

// Unhandled exceptions become a 500 ProblemDetails without the exception's message.
app.UseExceptionHandler();

app.MapGet("/healthz", () => Results.Ok());

// Playground: the local chat page (/) and its JSON API (/api/chat, /api/feedback).
app.MapPlayground();

await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can find it.</summary>
public partial class Program;
