// ip-netns(8) and setns(2): named network namespaces (/var/run/netns/NAME) for the UE side of the simulator's N3 and for
// tests; a TUN or socket created by a thread that joined a namespace lives in that namespace.
using System.Diagnostics;

namespace GlassCore.Gtp.Linux;

internal static class NetworkNamespace
{
    private const string Directory = "/var/run/netns/";

    public static bool Exists(string name) => File.Exists(Directory + name);

    /// <summary>Runs <paramref name="f"/> on a new thread that joined namespace <paramref name="name"/> (setns(2) changes only the calling thread).</summary>
    public static T Run<T>(string name, Func<T> f)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                int fd = Native.Open(Directory + name, Native.OCloexec);
                if (fd < 0)
                {
                    throw new IOException($"open netns {name}: {Native.ErrorText(Native.Errno)}");
                }
                int rc = Native.SetNs(fd, Native.CloneNewNet);
                int errno = Native.Errno;
                Native.Close(fd);
                if (rc != 0)
                {
                    throw new IOException($"setns {name}: {Native.ErrorText(errno)}");
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
            throw new IOException("in network namespace " + name + ": " + error.Message, error);
        }
        return result;
    }

    /// <summary>Runs ip(8) with <paramref name="args"/>; throws with its error output when it fails.</summary>
    public static void Ip(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi) ?? throw new IOException("cannot start ip");
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new IOException($"ip {string.Join(' ', args)}: {err.Trim()}");
        }
    }
}
