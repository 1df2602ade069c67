using System.Net;
using System.Net.Sockets;

namespace JobHome.Tests.Shared;

/// <summary>
/// Loopback ports nobody listens on right now, so that silos in parallel tests do not collide. They are taken below the
/// kernel's ephemeral range (Linux: 32768–60999): a port the kernel hands out (port 0) is free when chosen, but between
/// the choice and the silo's bind any outgoing connection (a PostgreSQL pool opening, a silo dialling another) may get it
/// as its local port, and the silo then fails with "address already in use". Each test process starts at a random point
/// of the range and walks it, so two processes rarely probe the same ports.
/// </summary>
internal static class FreePorts
{
    private const int First = 21000;
    private const int Count = 9000;
    private static int _next = Random.Shared.Next(Count);

    /// <summary>Returns <paramref name="count"/> distinct free ports.</summary>
    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        for (var tried = 0; ports.Count < count; tried++)
        {
            if (tried >= Count)
            {
                throw new InvalidOperationException($"no {count} free loopback ports in {First}–{First + Count - 1}");
            }
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                ports.Add(port);
            }
        }
        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Any address: refused when the port is bound on any of them (the loopback HTTP or Orleans' endpoints).
            using var any = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            any.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
