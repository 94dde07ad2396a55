// A network namespace the tests create (`ip netns add`) so the UPF's TUN, N3 and N4 sockets and all test traffic
// stay inside it; deleted on Dispose.
using GlassCore.Gtp.Linux;

namespace GlassCore.Upf.Tests;

internal sealed class NetNs : IDisposable
{
    private NetNs(string name) => Name = name;

    public string Name { get; }

    public static bool CanCreate => Environment.UserName == "root" && new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.Any(File.Exists);

    public static NetNs Create()
    {
        var ns = new NetNs("gcupf-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant());
        Ip("netns", "add", ns.Name);
        Ip("-n", ns.Name, "link", "set", "lo", "up");
        return ns;
    }

    public static void Ip(params string[] args)
    {
        try
        {
            NetworkNamespace.Ip(args);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>Runs <paramref name="f"/> on a thread that joined the namespace: sockets and TUNs it creates live there.</summary>
    public T Enter<T>(Func<T> f) => NetworkNamespace.Run(Name, f);

    public void Dispose()
    {
        try
        {
            Ip("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
