// TS 24.501 §7.5 / §7.7: the syntactic checks behind "invalid mandatory information" and "treat the optional IE as not present".
using System.Buffers.Binary;

namespace GlassCore.Nas.Ies;

internal static class IeValidation
{
    /// <summary>Whether an IE value of this kind is syntactically correct (lengths and inner structure).</summary>
    public static bool IsValid(IeSpec spec, in IeSlot slot)
    {
        if (spec.IsHalfOctet)
        {
            return spec.Kind switch
            {
                IeKind.RegistrationType => FiveGsRegistrationType.IsValid(slot.Nibble),
                _ => true,
            };
        }
        var v = slot.Value.Span;
        if (v.Length < spec.MinLength)
        {
            return false;
        }
        return spec.Kind switch
        {
            IeKind.MobileIdentity => FiveGsMobileIdentity.IsValid(v),
            IeKind.RegistrationResult or IeKind.NetworkFeatureSupport or IeKind.GprsTimer or IeKind.GprsTimer2 or IeKind.GprsTimer3
                or IeKind.Octet or IeKind.PayloadContainer or IeKind.NasMessageContainer => v.Length >= 1,
            IeKind.Nssai => Nssai.IsValid(v),
            IeKind.SNssai => SNssai.IsValid(v),
            IeKind.RejectedNssai => RejectedNssai.IsValid(v),
            IeKind.UeSecurityCapability => v.Length is >= 2 and <= 8,
            IeKind.TaiList => TaiList.IsValid(v),
            IeKind.Tai => v.Length == 6,
            IeKind.PduSessionStatus => v.Length is >= 2 and <= 32,
            IeKind.FiveGmmCause or IeKind.FiveGsmCause or IeKind.NasSecurityAlgorithms or IeKind.PduSessionIdentity => v.Length == 1,
            IeKind.QosRules => QosRules.IsValid(v),
            IeKind.QosFlowDescriptions => QosFlowDescriptions.IsValid(v),
            IeKind.SessionAmbr => v.Length >= 6,
            IeKind.PduAddress => PduAddress.IsValid(v),
            IeKind.Dnn => Dnn.IsValid(v),
            IeKind.ExtendedPco => ExtendedProtocolConfigurationOptions.IsValid(v),
            IeKind.Rand or IeKind.Autn or IeKind.ResStar => v.Length == 16,
            IeKind.Auts => v.Length == 14,
            IeKind.Abba => v.Length >= 2,
            IeKind.EapMessage => v.Length >= 4 && BinaryPrimitives.ReadUInt16BigEndian(v[2..]) == v.Length,
            IeKind.IntegrityProtectionMaximumDataRate => v.Length == 2,
            IeKind.PlmnList => v.Length >= 3 && v.Length % 3 == 0,
            _ => true,
        };
    }
}
