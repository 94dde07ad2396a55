// Valid sample values for every IE kind of TS 24.501 §9.11, used to build messages with every optional IE present.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Tests;

internal static class NasSamples
{
    public static readonly PlmnId Plmn = new(208, 93, false);

    public static IeSlot For(IeSpec spec)
    {
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
            _ => Enumerable.Repeat((byte)0x01, Math.Max(spec.FixedLength, Math.Max(spec.MinLength, 1))).ToArray(),
        };
        if (spec.Format is IeFormat.V or IeFormat.Tv && v.Length != spec.FixedLength)
        {
            v = Enumerable.Repeat((byte)0x01, spec.FixedLength).ToArray();
        }
        return IeSlot.Of(v);
    }
}
