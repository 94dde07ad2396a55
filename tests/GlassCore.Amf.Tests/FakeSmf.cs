// TS 29.502 §5.2.2.2-§5.2.2.4 as seen by the AMF: an in-memory SMF that records every call and answers what the test
// scripted (style anchor #15: handler tests with the peer mocked at its interface).
using System.Threading.Channels;
using GlassCore.Amf.Sm;
using GlassCore.Nas;
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Tests;

internal sealed record SmfCall(string Operation, string? SmContextRef, object Data, byte[]? N1, byte[]? N2);

internal sealed class FakeSmf : ISmfClient
{
    private int _next;

    public Channel<SmfCall> Calls { get; } = Channel.CreateUnbounded<SmfCall>();

    /// <summary>The answer to the next Create; default: 201 with a fresh SM context reference.</summary>
    public Func<SmContextCreateData, SmfAnswer>? OnCreate { get; set; }

    /// <summary>The answer to each Update; default: 200 with no body.</summary>
    public Func<SmContextUpdateData, SmfAnswer>? OnUpdate { get; set; }

    public Task<SmfAnswer> CreateSmContextAsync(SmContextCreateData data, byte[] n1SmMsg, CancellationToken ct)
    {
        Calls.Writer.TryWrite(new SmfCall("create", null, data, n1SmMsg, null));
        return Task.FromResult(OnCreate?.Invoke(data) ?? new SmfAnswer(201, null, $"http://smf.test/nsmf-pdusession/v1/sm-contexts/{Interlocked.Increment(ref _next)}", UpCnxStates.Activating));
    }

    public Task<SmfAnswer> UpdateSmContextAsync(string smContextRef, SmContextUpdateData data, byte[]? n1SmMsg, byte[]? n2SmInfo, CancellationToken ct)
    {
        Calls.Writer.TryWrite(new SmfCall("update", smContextRef, data, n1SmMsg, n2SmInfo));
        return Task.FromResult(OnUpdate?.Invoke(data) ?? new SmfAnswer(204, null));
    }

    public Task<SmfAnswer> ReleaseSmContextAsync(string smContextRef, SmContextReleaseData data, CancellationToken ct)
    {
        Calls.Writer.TryWrite(new SmfCall("release", smContextRef, data, null, null));
        return Task.FromResult(new SmfAnswer(204, null));
    }

    public Task<bool> N1N2TransferFailureNotifyAsync(string uri, N1N2MsgTxfrFailureNotification notification, CancellationToken ct)
    {
        Calls.Writer.TryWrite(new SmfCall("n1n2-failure", uri, notification, null, null));
        return Task.FromResult(true);
    }

    public async Task<SmfCall> NextAsync(string operation)
    {
        var ct = N2Harness.Timeout();
        while (true)
        {
            var c = await Calls.Reader.ReadAsync(ct);
            if (c.Operation == operation)
            {
                return c;
            }
        }
    }
}

/// <summary>
/// The UE's side of the NAS security context, rebuilt from the AMF's K_AMF and algorithms once the simulated UE has
/// registered: the test then speaks NAS for the UE (UL NAS Transport, Service Request) and reads what the AMF sends.
/// </summary>
internal sealed class TestUeNas
{
    private readonly GlassCore.Nas.NasSecurityContext _nas;

    public TestUeNas(AmfUeContext amf, GlassCore.Sim.UeNas ue)
    {
        var kInt = new byte[16];
        var kEnc = new byte[16];
        GlassCore.Security.KeyHierarchy.AlgorithmKey(amf.Kamf, GlassCore.Security.AlgorithmTypeDistinguisher.NNasInt, (byte)amf.Nas!.Integrity, kInt);
        GlassCore.Security.KeyHierarchy.AlgorithmKey(amf.Kamf, GlassCore.Security.AlgorithmTypeDistinguisher.NNasEnc, (byte)amf.Nas.Ciphering, kEnc);
        _nas = new GlassCore.Nas.NasSecurityContext(GlassCore.Nas.NasRole.Ue, kInt, kEnc, amf.Nas.Integrity, amf.Nas.Ciphering)
        {
            SendCount = ue.UplinkCount,
            NextReceiveCount = amf.Nas.DownlinkCount,
        };
    }

    public byte[] Uplink(GlassCore.Nas.Messages.FiveGmmMessage m) => _nas.Protect(m.ToArray(), GlassCore.Nas.SecurityHeaderType.IntegrityProtectedAndCiphered);

    /// <summary>An initial NAS message (Service Request): integrity protected, not ciphered (§4.4.6).</summary>
    public byte[] Initial(GlassCore.Nas.Messages.FiveGmmMessage m) => _nas.Protect(m.ToArray(), GlassCore.Nas.SecurityHeaderType.IntegrityProtected);

    public GlassCore.Nas.Messages.NasMessage Downlink(ReadOnlyMemory<byte> pdu)
    {
        Assert.Equal(GlassCore.Nas.NasSecurityStatus.Ok, _nas.Unprotect(pdu.Span, out byte[] plain, out _));
        Assert.True(GlassCore.Nas.Messages.NasMessage.TryDecode(plain, out var m, out var e), e.ToString());
        return m!;
    }
}
