// SCTP throughput and latency over one loopback association, per available backend (RFC 9260 data transfer).
// BenchmarkDotNet: dotnet run -c Release --project bench/GlassCore.Benchmarks -- --filter '*Sctp*'
// Load program (p50/p99): dotnet run -c Release --project bench/GlassCore.Benchmarks -- sctp-load [usrsctp-udp|usrsctp-raw|kernel] [messages]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using GlassCore.Sctp;

namespace GlassCore.Benchmarks;

/// <summary>One loopback association with an echoing server; the setup both the benchmarks and the load program use.</summary>
internal sealed class SctpLoopbackPair : IAsyncDisposable
{
    private SctpTransport _transport = null!;
    private SctpListener _listener = null!;
    private Task _echo = Task.CompletedTask;

    public SctpAssociation Client { get; private set; } = null!;

    public SctpAssociation Server { get; private set; } = null!;

    /// <summary>usrsctp-udp (RFC 6951, port 9899), usrsctp-raw (needs root) or kernel, where each can run.</summary>
    public static IEnumerable<string> AvailableBackends()
    {
        yield return "usrsctp-udp";
        if (Environment.IsPrivilegedProcess)
        {
            yield return "usrsctp-raw";
        }
        if (Sctp.Kernel.KernelSctp.IsAvailable(out _))
        {
            yield return "kernel";
        }
    }

    public static async Task<SctpLoopbackPair> StartAsync(string backend, int port, bool echo)
    {
        var options = backend switch
        {
            "kernel" => new SctpOptions { Backend = SctpBackendKind.Kernel },
            "usrsctp-raw" => new SctpOptions { Backend = SctpBackendKind.Usrsctp, UdpEncapsulationPort = 0 },
            _ => new SctpOptions { Backend = SctpBackendKind.Usrsctp, UdpEncapsulationPort = 9899 },
        };
        var pair = new SctpLoopbackPair { _transport = SctpTransport.Create(options) };
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        pair._listener = pair._transport.Listen([endPoint]);
        Task<SctpAssociation> accept = pair._listener.AcceptAsync();
        pair.Client = await pair._transport.ConnectAsync(endPoint);
        pair.Server = await accept;
        if (echo)
        {
            SctpAssociation server = pair.Server;
            pair._echo = Task.Run(async () =>
            {
                await foreach (SctpMessage m in server.Inbound.ReadAllAsync())
                {
                    await server.SendAsync(m.Payload, m.Stream, m.Ppid);
                }
            });
        }
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Abort();
        Server.Abort();
        await _echo;
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        await _listener.DisposeAsync();
        await _transport.DisposeAsync();
    }
}

[MemoryDiagnoser]
public class SctpBenchmarks
{
    private const int Burst = 1000;
    private readonly byte[] _payload = new byte[200];
    private SctpLoopbackPair _pair = null!;

    public static IEnumerable<string> Backends => SctpLoopbackPair.AvailableBackends();

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "usrsctp-udp";

    [GlobalSetup]
    public void Setup() => _pair = SctpLoopbackPair.StartAsync(Backend, 40900, echo: true).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _pair.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Messages per second: 1000 pipelined 200-byte messages, each echoed back.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public async Task PipelinedEcho200Bytes()
    {
        Task receive = Task.Run(async () =>
        {
            for (int i = 0; i < Burst; i++)
            {
                await _pair.Client.ReceiveAsync();
            }
        });
        for (int i = 0; i < Burst; i++)
        {
            await _pair.Client.SendAsync(_payload, (ushort)(i & 3), 60);
        }
        await receive;
    }

    /// <summary>Latency: one 200-byte message out and its echo back.</summary>
    [Benchmark]
    public async Task<SctpMessage> RoundTrip200Bytes()
    {
        await _pair.Client.SendAsync(_payload, 0, 60);
        return await _pair.Client.ReceiveAsync();
    }
}

/// <summary>
/// Load program: one-way messages/s (client sends, server counts) and the round-trip latency distribution
/// (p50/p99/max) of 200-byte messages, printed as JSON. Run it next to usrsctp's tsctp on the same machine.
/// </summary>
internal static class SctpLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string[] backends = args.Length > 1 && args[1] != "all" ? [args[1]] : [.. SctpLoopbackPair.AvailableBackends()];
        int messages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        int port = 40910;
        foreach (string backend in backends)
        {
            byte[] payload = new byte[200];
            await using (SctpLoopbackPair oneWay = await SctpLoopbackPair.StartAsync(backend, port++, echo: false))
            {
                Task<long> count = Task.Run(async () =>
                {
                    long n = 0;
                    while (n < messages)
                    {
                        await oneWay.Server.ReceiveAsync();
                        n++;
                    }
                    return n;
                });
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < messages; i++)
                {
                    await oneWay.Client.SendAsync(payload, 0, 60);
                }
                await count;
                clock.Stop();
                Console.WriteLine($"{{\"backend\":\"{backend}\",\"test\":\"one-way\",\"messages\":{messages},\"size\":200,\"seconds\":{clock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)},\"messagesPerSecond\":{(messages / clock.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture)}}}");
            }
            await using (SctpLoopbackPair echo = await SctpLoopbackPair.StartAsync(backend, port++, echo: true))
            {
                int pings = Math.Min(messages, 20_000);
                double[] micros = new double[pings];
                for (int i = 0; i < pings; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    await echo.Client.SendAsync(payload, 0, 60);
                    await echo.Client.ReceiveAsync();
                    micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
                Array.Sort(micros);
                string P(double q) => micros[Math.Min(pings - 1, (int)(q * pings))].ToString("F1", CultureInfo.InvariantCulture);
                Console.WriteLine($"{{\"backend\":\"{backend}\",\"test\":\"round-trip\",\"messages\":{pings},\"size\":200,\"p50us\":{P(0.50)},\"p99us\":{P(0.99)},\"maxus\":{P(1.0)}}}");
            }
        }
        return 0;
    }
}
