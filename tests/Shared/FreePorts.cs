using System.Net;
using System.Net.Sockets;

namespace JobHome.Tests.Shared;

/// <summary>Loopback ports nobody listens on right now, so that silos in parallel tests do not collide.</summary>
internal static class FreePorts
{
    /// <summary>Returns <paramref name="count"/> distinct free ports.</summary>
    public static int[] Take(int count)
    {
        // Hold every listener until all ports are chosen, so the same port is not handed out twice.
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
