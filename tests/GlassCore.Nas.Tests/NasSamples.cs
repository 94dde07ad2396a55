// Valid sample values for every IE kind of TS 24.501 §9.11, used to build messages with every optional IE present.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Tests;

internal static class NasSamples
{
    public static readonly PlmnId Plmn = new(208, 93, false);

    /// <summary>
    /// Values for IEs the codec carries as octets, coded as their §9.11 clause says, so that an independent decoder
    /// (tshark) reads them without error: a filler octet is enough for our codec but not for theirs.
    /// </summary>
    private static readonly Dictionary<string, byte[]> s_byName = new(StringComparer.Ordinal)
    {
        // §9.11.3.24: an EPS NAS message (TS 24.301 Detach accept, plain EMM).
        ["EPS NAS message container"] = [0x07, 0x46],
        // §9.11.3.29: one LADN DNN value (length, then the DNN as in §9.11.2.1B).
        ["LADN indication"] = [0x09, 0x08, .. "internet"u8],
        // §9.11.3.30: one LADN: its DNN value and a 5GS TAI list of one TAI (type 00, one element).
        ["LADN information"] = [0x09, 0x08, .. "internet"u8, 0x07, 0x00, 0x02, 0xF8, 0x39, 0x00, 0x00, 0x01],
        // §9.11.3.49: one partial service area list (allowed, type 00, one TAC).
        ["Service area list"] = [0x00, 0x02, 0xF8, 0x39, 0x00, 0x00, 0x01],
        // TS 24.008 §10.5.3.13: one emergency number, 112, service category 1.
        ["Emergency number list"] = [0x03, 0x01, 0x11, 0xF2],
        // §9.11.3.26: EENL validity 0, one entry: number 112 and no sub-services.
        ["Extended emergency number list"] = [0x00, 0x02, 0x11, 0xF2, 0x00],
        // §9.11.3.38: one definition: precedence 1, operator-defined access category 32, no criteria.
        ["Operator-defined access category definitions"] = [0x03, 0x01, 0x00, 0x00],
        // §9.11.3.18C: one ciphering data set: set ID, key, c0, no posSIB types, validity start and duration, no TAIs.
        ["Ciphering key data"] = [0x00, 0x01, .. Enumerable.Repeat((byte)0x11, 16), 0x01, 0xAA, 0x01, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 0x00, 0x01, 0x00],
        // §9.11.3.18A: one entry: PLMN 208/93, not CAG-only, no CAG IDs.
        ["CAG information list"] = [0x04, 0x02, 0xF8, 0x39, 0x00],
        // §9.11.3.75: one partial list of type 000 with one S-NSSAI (SST 1) rejected with cause 2.
        ["Extended rejected NSSAI"] = [0x00, 0x12, 0x01],
        // §9.11.3.31B: one mapped S-NSSAI, SST 1.
        ["Requested mapped NSSAI"] = [0x01, 0x01],
        // §9.11.4.8: EPS bearer 5, operation "create new", no parameters.
        ["Mapped EPS bearer contexts"] = [0x50, 0x00, 0x01, 0x40],
        // §9.11.3.18B: control plane user data of PDU session 1.
        ["CIoT small data container"] = [0x01, 0xAA, 0xBB],
    };

    /// <summary>§9.11.3.39: an N1 SM payload (PDU session release complete of PDU session 5) for payload container type 1.</summary>
    public static readonly byte[] N1SmPayload = [0x2E, 0x05, 0x01, 0xD4];

    public static IeSlot For(IeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (s_byName.TryGetValue(spec.Name, out byte[]? named))
        {
            return IeSlot.Of(named);
        }
        if (spec.IsHalfOctet)
        {
            return IeSlot.OfNibble(spec.Kind == IeKind.Spare ? (byte)0 : (byte)1);
        }
        byte[] v = spec.Kind switch
        {
            IeKind.MobileIdentity => FiveGsMobileIdentity.FromGuti(new FiveGGuti(Plmn, 0xCA, 0x3F8, 0, 1)).Value.ToArray(),
            IeKind.Nssai => Nssai.Create([new SNssaiValue(1, 0x010203), new SNssaiValue(2)]).Value.ToArray(),
            IeKind.SNssai => SNssai.Create(new SNssaiValue(1, 0x112233)).Value.ToArray(),
            IeKind.RejectedNssai => RejectedNssai.Create([new RejectedSNssai(1, new SNssaiValue(3))]).Value.ToArray(),
            IeKind.UeSecurityCapability => [0xF0, 0x70],
            IeKind.TaiList => TaiList.Create([new Tai(Plmn, 1), new Tai(Plmn, 2)]).Value.ToArray(),
            IeKind.Tai => TrackingAreaIdentity.Create(new Tai(Plmn, 7)).Value.ToArray(),
            IeKind.PduSessionStatus => [0x20, 0x00],
            IeKind.QosRules => QosRules.Create([new QosRule(1, QosRuleOperation.CreateNewQosRule, true, [new PacketFilter(3, 1, new byte[] { 0x01 })], 255, false, 9)]).Value.ToArray(),
            IeKind.QosFlowDescriptions => QosFlowDescriptions.Create([new QosFlowDescription(9, 1, true, [new QosFlowParameter(QosFlowParameter.FiveQi, new byte[] { 9 })])]).Value.ToArray(),
            IeKind.SessionAmbr => SessionAmbr.Create(6, 100, 6, 50).Value.ToArray(),
            IeKind.PduAddress => [0x01, 10, 45, 0, 2],
            IeKind.Dnn => Dnn.Create("internet").Value.ToArray(),
            IeKind.ExtendedPco => [0x80, 0x00, 0x0D, 0x00],
            IeKind.Rand or IeKind.Autn or IeKind.ResStar => Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(),
            IeKind.Auts => Enumerable.Range(1, 14).Select(i => (byte)i).ToArray(),
            IeKind.Abba => [0x00, 0x00],
            IeKind.EapMessage => [0x02, 0x07, 0x00, 0x06, 0x01, 0x41],
            IeKind.IntegrityProtectionMaximumDataRate => [0xFF, 0xFF],
            IeKind.PlmnList => [0x02, 0xF8, 0x39],
            IeKind.NasMessageContainer => [0x7E, 0x00, 0x43],
            IeKind.PayloadContainer => N1SmPayload,
            _ => Enumerable.Repeat((byte)0x01, Math.Max(spec.FixedLength, Math.Max(spec.MinLength, 1))).ToArray(),
        };
        if (spec.Format is IeFormat.V or IeFormat.Tv && v.Length != spec.FixedLength)
        {
            v = Enumerable.Repeat((byte)0x01, spec.FixedLength).ToArray();
        }
        return IeSlot.Of(v);
    }
}
