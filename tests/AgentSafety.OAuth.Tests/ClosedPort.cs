using System.Net;
using System.Net.Sockets;

namespace AgentSafety.OAuth.Tests;

/// <summary>A loopback port nobody listens on, for "provider down" tests.</summary>
internal static class ClosedPort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
