using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// Gives every request of the in-memory test server the caller address <paramref name="address"/>: the test server
/// has no socket, so without this the app sees no remote address at all.
/// </summary>
internal sealed class RemoteAddressStartupFilter(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
