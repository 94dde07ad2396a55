// A network namespace the tests create (`ip netns add`, setns(2) through GlassCore.Gtp.Linux) so a UPF's TUN, its N3
// and N4 sockets and all test traffic stay inside it; deleted on Dispose. Shared by the UPF and SMF-against-UPF tests.
using GlassCore.Gtp.Linux;

namespace GlassCore.TestSupport;

public sealed class NetNs : IDisposable
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

    /// <summary>Runs <paramref name="f"/> in the namespace (see <see cref="Enter{T}(Func{T})"/>).</summary>
    public void Enter(Action f) => Enter(() =>
    {
        f();
        return 0;
    });

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
