using System.Net;
using System.Net.Sockets;

namespace Assistant.LoadTool.Running;

/// <summary>A free TCP port on 127.0.0.1, for the bot and the servers the tool starts.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
