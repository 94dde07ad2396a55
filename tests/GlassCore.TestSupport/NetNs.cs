// A network namespace the tests create (`ip netns add`, setns(2)) so a UPF's TUN, its N3 and N4 sockets and all test
// traffic stay inside it; deleted on Dispose. Shared by the UPF tests and the SMF-against-the-real-UPF tests.
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GlassCore.TestSupport;

public sealed partial class NetNs : IDisposable
{
    private const int CloneNewNet = 0x40000000;

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
        var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {err}");
        }
    }

    /// <summary>Runs <paramref name="f"/> on a thread that joined the namespace: sockets and TUNs it creates live there.</summary>
    public T Enter<T>(Func<T> f)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                using (Microsoft.Win32.SafeHandles.SafeFileHandle fd = File.OpenHandle("/var/run/netns/" + Name))
                {
                    if (SetNs(fd, CloneNewNet) != 0)
                    {
                        throw new InvalidOperationException("setns " + Name + ": " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
                    }
                }
                result = f();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        t.Start();
        t.Join();
        if (error is not null)
        {
            throw new InvalidOperationException("in netns " + Name, error);
        }
        return result;
    }

    /// <summary>Runs <paramref name="f"/> in the namespace (see <see cref="Enter{T}(Func{T})"/>).</summary>
    public void Enter(Action f) => Enter(() =>
    {
        f();
        return 0;
    });

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(Microsoft.Win32.SafeHandles.SafeFileHandle fd, int nsType);

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
