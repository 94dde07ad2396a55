// TS 38.413 §9.3.3.5 (PLMN Identity), §9.3.1.24 (S-NSSAI), §9.3.3.3 (GUAMI), §9.3.1.86 (UE Security Capabilities):
// the AMF's NAS-side values as NGAP IEs and back.
using GlassCore.Asn1;
using GlassCore.Nas.Ies;
using NgapGuami = GlassCore.Ngap.Guami;
using NgapSNssai = GlassCore.Ngap.SNssai;
using NgapUeSecurityCapabilities = GlassCore.Ngap.UeSecurityCapabilities;

namespace GlassCore.Amf.Ngap;

public static class NgapValues
{
    public static FixedOctetString Plmn(PlmnId plmn)
    {
        Span<byte> b = stackalloc byte[3];
        plmn.Write(b);
        return new FixedOctetString(b);
    }

    /// <summary>Null when the octets are not a PLMN identity (the caller answers with a cause, never throws).</summary>
    public static PlmnId? Plmn(FixedOctetString octets)
    {
        if (octets.Length != 3)
        {
            return null;
        }
        Span<byte> b = stackalloc byte[3];
        octets.CopyTo(b);
        return PlmnId.Read(b);
    }

    public static FixedOctetString Tac(uint tac) => FixedOctetString.FromUInt64(tac & 0xFFFFFF, 3);

    public static uint? Tac(FixedOctetString octets) => octets.Length == 3 ? (uint)octets.ToUInt64() : null;

    public static NgapSNssai SNssai(SNssaiValue s) => new()
    {
        Sst = FixedOctetString.FromUInt64(s.Sst, 1),
        Sd = s.Sd is uint sd ? FixedOctetString.FromUInt64(sd & 0xFFFFFF, 3) : default(FixedOctetString?),
    };

    public static SNssaiValue? SNssai(NgapSNssai s) => s.Sst.Length != 1 ? null
        : s.Sd is not { } sd ? new SNssaiValue(s.Sst[0])
        : sd.Length == 3 ? new SNssaiValue(s.Sst[0], (uint)sd.ToUInt64())
        : null;

    /// <summary>§9.3.3.3: AMF Region ID (8 bits), AMF Set ID (10 bits), AMF Pointer (6 bits).</summary>
    public static NgapGuami Guami(AmfConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new NgapGuami
        {
            PlmnIdentity = Plmn(config.Plmn),
            AmfRegionId = BitString.FromUInt64(config.AmfRegionId, 8),
            AmfSetId = BitString.FromUInt64(config.AmfSetId, 10),
            AmfPointer = BitString.FromUInt64(config.AmfPointer, 6),
        };
    }

    /// <summary>
    /// §9.3.1.86 from the NAS UE security capability (TS 24.501 §9.11.3.54). NAS puts EA0/IA0 in bit 8; NGAP's
    /// 16-bit strings start at NEA1/NIA1 (the null algorithms are always supported and not signalled), so each
    /// octet moves up one bit. EPS algorithms come from the optional EEA/EIA octets, else none.
    /// </summary>
    public static NgapUeSecurityCapabilities UeSecurityCapabilities(UeSecurityCapability caps) => new()
    {
        NRencryptionAlgorithms = Sixteen(caps.FiveGEa),
        NRintegrityProtectionAlgorithms = Sixteen(caps.FiveGIa),
        EutrAencryptionAlgorithms = Sixteen(caps.Eea ?? 0),
        EutrAintegrityProtectionAlgorithms = Sixteen(caps.Eia ?? 0),
    };

    private static BitString Sixteen(byte nasOctet) => new([(byte)(nasOctet << 1), 0], 16);
}
