// TS 24.501 §8.3 5GSM messages the SMF builds (style anchor #7: building is pure, context in, message out).
using System.Buffers.Binary;
using System.Net;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Smf.Gsm;

/// <summary>What an accept carries: everything decided for the session.</summary>
public sealed record AcceptContents(
    byte PduSessionType,
    byte SscMode,
    IPAddress? Ipv4,
    ulong Ipv6InterfaceIdentifier,
    ulong AmbrUplinkBps,
    ulong AmbrDownlinkBps,
    byte Qfi,
    int FiveQi,
    string Dnn,
    SNssaiValue Snssai,
    byte? Cause,
    IReadOnlyList<PcoContainer> Pco);

public static class GsmBuild
{
    /// <summary>The match-all packet filter component (§9.11.4.13, table 9.11.4.13.1: type 00000001).</summary>
    private static readonly byte[] MatchAll = [0x01];

    public static byte[] EstablishmentAccept(byte pduSessionId, byte pti, AcceptContents c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var m = new PduSessionEstablishmentAccept
        {
            PduSessionId = pduSessionId,
            ProcedureTransactionId = pti,
            SelectedPduSessionType = new HalfOctet(c.PduSessionType),
            SelectedSscMode = new HalfOctet(c.SscMode),
            AuthorizedQosRules = DefaultQosRules(c.Qfi),
            SessionAmbr = Ambr(c.AmbrDownlinkBps, c.AmbrUplinkBps),
            PduAddress = Address(c.PduSessionType, c.Ipv4, c.Ipv6InterfaceIdentifier),
            SNssai = SNssai.Create(c.Snssai),
            AuthorizedQosFlowDescriptions = QosFlowDescriptions.Create([new QosFlowDescription(c.Qfi, 1, true, [new QosFlowParameter(0x01, new[] { (byte)c.FiveQi })])]),
            Dnn = Nas.Ies.Dnn.Create(c.Dnn),
        };
        if (c.Cause is byte cause)
        {
            m.Cause = OctetValue.Create(cause);
        }
        if (c.Pco.Count > 0)
        {
            m.ExtendedProtocolConfigurationOptions = ExtendedProtocolConfigurationOptions.Create([.. c.Pco]);
        }
        return m.ToArray();
    }

    /// <summary>§6.4.1.3: the default QoS rule (rule 1, match-all in both directions, precedence 255) on the default flow.</summary>
    public static QosRules DefaultQosRules(byte qfi) =>
        QosRules.Create([new QosRule(1, QosRuleOperation.CreateNewQosRule, true, [new PacketFilter(3, 1, MatchAll)], 255, false, qfi)]);

    public static byte[] EstablishmentReject(byte pduSessionId, byte pti, byte cause) => new PduSessionEstablishmentReject
    {
        PduSessionId = pduSessionId,
        ProcedureTransactionId = pti,
        Cause = OctetValue.Create(cause),
    }.ToArray();

    public static byte[] ReleaseCommand(byte pduSessionId, byte pti, byte cause) => new PduSessionReleaseCommand
    {
        PduSessionId = pduSessionId,
        ProcedureTransactionId = pti,
        Cause = OctetValue.Create(cause),
    }.ToArray();

    public static byte[] ReleaseReject(byte pduSessionId, byte pti, byte cause) => new PduSessionReleaseReject
    {
        PduSessionId = pduSessionId,
        ProcedureTransactionId = pti,
        Cause = OctetValue.Create(cause),
    }.ToArray();

    /// <summary>§8.3.9 modification command: the (re-)authorized session AMBR and QoS rules.</summary>
    public static byte[] ModificationCommand(byte pduSessionId, byte pti, ulong ambrUplinkBps, ulong ambrDownlinkBps, byte qfi, byte? cause = null)
    {
        var m = new PduSessionModificationCommand
        {
            PduSessionId = pduSessionId,
            ProcedureTransactionId = pti,
            SessionAmbr = Ambr(ambrDownlinkBps, ambrUplinkBps),
            AuthorizedQosRules = QosRules.Create([new QosRule(1, QosRuleOperation.ModifyWithoutModifyingPacketFilters, true, [], 255, false, qfi)]),
        };
        if (cause is byte c)
        {
            m.Cause = OctetValue.Create(c);
        }
        return m.ToArray();
    }

    public static byte[] ModificationReject(byte pduSessionId, byte pti, byte cause) => new PduSessionModificationReject
    {
        PduSessionId = pduSessionId,
        ProcedureTransactionId = pti,
        Cause = OctetValue.Create(cause),
    }.ToArray();

    public static byte[] Status(byte pduSessionId, byte pti, byte cause) => new FiveGsmStatus
    {
        PduSessionId = pduSessionId,
        ProcedureTransactionId = pti,
        Cause = OctetValue.Create(cause),
    }.ToArray();

    /// <summary>§9.11.4.14: each direction as value × 4^(unit-1) kbps with the smallest unit whose value fits 16 bits.</summary>
    public static SessionAmbr Ambr(ulong downlinkBps, ulong uplinkBps)
    {
        (byte du, ushort dv) = AmbrUnit(downlinkBps);
        (byte uu, ushort uv) = AmbrUnit(uplinkBps);
        return SessionAmbr.Create(du, dv, uu, uv);
    }

    internal static (byte Unit, ushort Value) AmbrUnit(ulong bps)
    {
        ulong kbps = (bps + 999) / 1000;
        for (byte unit = 1; unit <= 25; unit++)
        {
            ulong step = 1UL << (2 * (unit - 1));
            ulong v = (kbps + step - 1) / step;
            if (v <= ushort.MaxValue)
            {
                return (unit, (ushort)v);
            }
        }
        return (25, ushort.MaxValue);
    }

    /// <summary>§9.11.4.10: IPv4 address, IPv6 interface identifier, or both (IID first).</summary>
    public static PduAddress Address(byte type, IPAddress? ipv4, ulong iid)
    {
        byte[] v4 = ipv4?.GetAddressBytes() ?? new byte[4];
        return type switch
        {
            PduSessionTypeValues.Ipv6 => new PduAddress(Iid(PduSessionTypeValues.Ipv6, iid, 9)),
            PduSessionTypeValues.Ipv4v6 => new PduAddress(WithV4(Iid(PduSessionTypeValues.Ipv4v6, iid, 13), v4)),
            _ => new PduAddress((byte[])[PduSessionTypeValues.Ipv4, .. v4]),
        };
    }

    private static byte[] Iid(byte type, ulong iid, int length)
    {
        byte[] b = new byte[length];
        b[0] = type;
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(1), iid);
        return b;
    }

    private static byte[] WithV4(byte[] b, byte[] v4)
    {
        v4.CopyTo(b.AsSpan(9));
        return b;
    }
}
