// PFCP (TS 29.244) session establishment encode/decode and the GTP-U (TS 29.281 + TS 38.415) packet-path header codec.
using System.Net;
using BenchmarkDotNet.Attributes;
using GlassCore.Gtp;
using GlassCore.Pfcp;

namespace GlassCore.Benchmarks;

[MemoryDiagnoser]
public class PfcpGtpBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private readonly byte[] _gpdu = new byte[1500];
    private SessionEstablishmentRequest _request = null!;
    private byte[] _encoded = null!;
    private int _gpduLength;

    [GlobalSetup]
    public void Setup()
    {
        IPAddress smf = IPAddress.Parse("10.0.0.1"), ue = IPAddress.Parse("10.45.0.7"), gnb = IPAddress.Parse("10.0.1.5");
        var m = new SessionEstablishmentRequest { SequenceNumber = 1 };
        m.NodeId = NodeId.FromAddress(smf);
        m.CpFSeid = new FSeid(1, smf);
        var ulPdi = new Pdi();
        ulPdi.Add(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Access));
        ulPdi.Add(PfcpIeType.FTeid, FTeid.ChooseOf(true, false, 1));
        ulPdi.Add(PfcpIeType.NetworkInstance, PfcpOctetString.Labels("internet"));
        ulPdi.Add(PfcpIeType.UeIpAddress, UeIpAddress.Of(ue, null, false));
        ulPdi.Add(PfcpIeType.Qfi, new Qfi(1));
        ulPdi.Add(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess));
        var ul = new CreatePdr();
        ul.Add(PfcpIeType.PdrId, new PdrId(1));
        ul.Add(PfcpIeType.Precedence, new Precedence(255));
        ul.Add(PfcpIeType.Pdi, ulPdi);
        ul.Add(PfcpIeType.OuterHeaderRemoval, new OuterHeaderRemoval(0));
        ul.Add(PfcpIeType.FarId, new FarId(1));
        ul.Add(PfcpIeType.QerId, new QerId(1));
        m.Add(PfcpIeType.CreatePdr, ul);
        var dlPdi = new Pdi();
        dlPdi.Add(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Core));
        dlPdi.Add(PfcpIeType.UeIpAddress, UeIpAddress.Of(ue, null, true));
        var dl = new CreatePdr();
        dl.Add(PfcpIeType.PdrId, new PdrId(2));
        dl.Add(PfcpIeType.Precedence, new Precedence(255));
        dl.Add(PfcpIeType.Pdi, dlPdi);
        dl.Add(PfcpIeType.FarId, new FarId(2));
        m.Add(PfcpIeType.CreatePdr, dl);
        for (uint id = 1; id <= 2; id++)
        {
            var fp = new ForwardingParameters();
            fp.Add(PfcpIeType.DestinationInterface, new DestinationInterface(id == 1 ? InterfaceValue.Core : InterfaceValue.Access));
            if (id == 2)
            {
                fp.Add(PfcpIeType.OuterHeaderCreation, OuterHeaderCreation.GtpU(0x100, gnb));
            }
            var far = new CreateFar();
            far.Add(PfcpIeType.FarId, new FarId(id));
            far.Add(PfcpIeType.ApplyAction, ApplyAction.Of(forward: true));
            far.Add(PfcpIeType.ForwardingParameters, fp);
            m.Add(PfcpIeType.CreateFar, far);
        }
        var qer = new CreateQer();
        qer.Add(PfcpIeType.QerId, new QerId(1));
        qer.Add(PfcpIeType.GateStatus, new GateStatus(true, true));
        qer.Add(PfcpIeType.Mbr, new BitRate(100_000, 100_000));
        qer.Add(PfcpIeType.Qfi, new Qfi(1));
        m.Add(PfcpIeType.CreateQer, qer);
        m.PdnType = new PdnType(1);
        _request = m;
        _encoded = m.Encode();
        if (!GtpUMessages.TryWriteGpduHeader(_gpdu, 0x1234, 1400, PduSessionInformation.Downlink(5, rqi: true), out _gpduLength))
        {
            throw new InvalidOperationException("G-PDU header did not fit");
        }
        _gpduLength += 1400;
    }

    [Benchmark]
    public int PfcpSessionEstablishmentRequest_Encode()
    {
        return _request.TryEncode(_buffer, out int written) ? written : -1;
    }

    [Benchmark]
    public int PfcpSessionEstablishmentRequest_Decode()
    {
        return PfcpMessage.TryDecode(_encoded, out PfcpMessage m, out int consumed, out _) ? consumed + m.Ies.Count : -1;
    }

    /// <summary>Must not allocate: runs per packet on the UPF's downlink path.</summary>
    [Benchmark]
    public int GtpUGpduHeaderWithPduSessionContainer_Encode()
    {
        return GtpUMessages.TryWriteGpduHeader(_buffer, 0x1234, 1400, PduSessionInformation.Downlink(5, rqi: true), out int written) ? written : -1;
    }

    /// <summary>Must not allocate: runs per packet on the UPF's uplink path.</summary>
    [Benchmark]
    public int GtpUGpduHeaderWithPduSessionContainer_Decode()
    {
        if (!GtpUPacket.TryParse(_gpdu.AsSpan(0, _gpduLength), out GtpUPacket p, out _)
            || !p.TryGetPduSessionInformation(out PduSessionInformation info))
        {
            return -1;
        }
        return (int)p.Teid + info.Qfi + p.Payload.Length;
    }
}
