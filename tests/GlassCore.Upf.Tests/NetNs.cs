// A network namespace the tests create (`ip netns add`) so the UPF's TUN, N3 and N4 sockets and all test traffic
// stay inside it; deleted on Dispose.
using System.Diagnostics;
using GlassCore.Upf.DataPath;

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
                int fd = Native.Open("/var/run/netns/" + Name, 0);
                if (fd < 0 || Native.SetNs(fd, Native.CloneNewNet) != 0)
                {
                    throw new InvalidOperationException("setns " + Name + ": " + Native.ErrorText(Native.Errno));
                }
                Native.Close(fd);
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
