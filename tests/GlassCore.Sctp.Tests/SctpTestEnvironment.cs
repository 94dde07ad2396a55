// Shared setup for the SCTP tests: the usrsctp example programs, UDP encapsulation ports (RFC 6951), the child peer.
using System.Net;
using GlassCore.Sctp;
using GlassCore.Sctp.Usrsctp;
using GlassCore.TestSupport;

namespace GlassCore.Sctp.Tests;

/// <summary>
/// Every test that runs usrsctp belongs to this collection and runs alone: raw-IP peers all see every SCTP packet
/// of the host and the example programs bind fixed ports (echo 7, discard 9).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UsrsctpCollection : ICollectionFixture<UsrsctpStackFixture>
{
    public const string Name = "usrsctp";
}

/// <summary>Holds this process's usrsctp stack (UDP port <see cref="SctpTestEnvironment.OurUdpPort"/>) for the whole run.</summary>
public sealed class UsrsctpStackFixture : IAsyncLifetime
{
    private SctpTransport? _transport;

    public ValueTask InitializeAsync()
    {
        if (SctpTestEnvironment.UsrsctpAvailable)
        {
            _transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }
    }
}

public static class SctpTestEnvironment
{
    public const int OurUdpPort = 9911;
    public const int EchoServerUdpPort = 9912;
    public const int ClientProgramUdpPort = 9913;
    public const int ChildPeerUdpPort = 9914;
    public const int TsctpUdpPort = 9915;
    public const string ProgramDir = "/usr/lib/usrsctp";

    public static bool UsrsctpAvailable => UsrsctpStack.IsLibraryAvailable(out _);

    public static bool ProgramsAvailable => File.Exists(Path.Combine(ProgramDir, "echo_server"));

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static TimeSpan Patience => TimeSpan.FromSeconds(30);

    /// <summary>A token for one test: the test's own cancellation, or <see cref="Patience"/> running out.</summary>
    public static CancellationTokenSource Timeout()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(Patience);
        return cts;
    }

    public static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    /// <summary>Options for this process: raw IP (<paramref name="udp"/> false) or UDP encapsulation towards <paramref name="remoteUdpPort"/>.</summary>
    public static SctpOptions Options(bool udp, int remoteUdpPort = 0) => new()
    {
        Backend = SctpBackendKind.Usrsctp,
        UdpEncapsulationPort = udp ? OurUdpPort : 0,
        RemoteUdpEncapsulationPort = udp ? (remoteUdpPort == 0 ? OurUdpPort : remoteUdpPort) : 0,
        // Short timers so that a peer that starts late is reached by an INIT retransmission within a second.
        RtoInitial = TimeSpan.FromMilliseconds(200),
        RtoMin = TimeSpan.FromMilliseconds(100),
        RtoMax = TimeSpan.FromMilliseconds(500),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        MaxRetransmissions = 3,
        MaxInitRetransmissions = 10,
    };

    /// <summary>Skips visibly when this run cannot use usrsctp (or, for raw IP, is not root).</summary>
    public static void RequireUsrsctp(bool udp, bool programs = false)
    {
        Assert.SkipUnless(UsrsctpAvailable, "libusrsctp2 is not installed");
        Assert.SkipUnless(!programs || ProgramsAvailable, "libusrsctp-examples is not installed");
        Assert.SkipUnless(udp || IsRoot, "usrsctp over raw IP needs root");
    }

    /// <summary>Starts one of usrsctp's example programs.</summary>
    public static BackgroundProcess StartProgram(string name, params string[] arguments) =>
        BackgroundProcess.Start(Path.Combine(ProgramDir, name), arguments, redirectInput: name == "client");

    /// <summary>Starts the GlassCore child peer (tests/GlassCore.Sctp.TestPeer).</summary>
    public static BackgroundProcess StartChildPeer(params string[] arguments) =>
        BackgroundProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "GlassCore.Sctp.TestPeer.dll"), .. arguments]);
}
