using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Assistant.Bot.FairUse;

/// <summary>Registers fair use: the options, the <see cref="FairUseLimiter"/> every channel asks, and the playground's rate-limiter policy.</summary>
internal static class FairUseServiceCollectionExtensions
{
    /// <summary>The rate-limiter policy of the playground's API (<c>RequireRateLimiting(PlaygroundPolicy)</c>).</summary>
    public const string PlaygroundPolicy = "playground";

    /// <summary>The playground's session cookie, issued by the playground; the policy counts per session.</summary>
    public const string PlaygroundSessionCookie = Playground.PlaygroundSession.CookieName;

    /// <summary>The channel id the playground is counted under.</summary>
    public const string PlaygroundChannel = Channels.ChannelNames.Playground;

    /// <summary>
    /// Adds <see cref="FairUseOptions"/> (section "FairUse", validated at start), the <see cref="FairUseLimiter"/>
    /// singleton and ASP.NET Core's rate limiter with <see cref="PlaygroundPolicy"/>: per playground session (the
    /// remote address when the request has no session cookie), 429 with Retry-After and a ProblemDetails body.
    /// </summary>
    public static IServiceCollection AddFairUse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FairUseOptions>().Bind(configuration.GetSection(FairUseOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FairUseLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(PlaygroundPolicy, context =>
            {
                var session = PlaygroundPartition(context);
                var fairUse = context.RequestServices.GetRequiredService<FairUseLimiter>();
                return RateLimitPartition.Get(session, key => new FairUseRateLimiter(fairUse, PlaygroundChannel, key));
            });
        });
        return services;
    }

    /// <summary>The session cookie's value, else the remote address: who a playground request is counted for.</summary>
    public static string PlaygroundPartition(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(PlaygroundSessionCookie, out var session) && !string.IsNullOrEmpty(session)
            ? "session:" + session
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)FairUseLimiter.Window.TotalSeconds;
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        ProblemHttpResult problem = TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Slow down",
            detail: string.Create(CultureInfo.InvariantCulture, $"Too many requests from this session. Try again in {seconds} s."));
        await problem.ExecuteAsync(context).ConfigureAwait(false);
    }
}
