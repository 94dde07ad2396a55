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
    public static byte[] Plmn(PlmnId plmn)
    {
        var b = new byte[3];
        plmn.Write(b);
        return b;
    }

    /// <summary>Null when the octets are not a PLMN identity (the caller answers with a cause, never throws).</summary>
    public static PlmnId? Plmn(byte[] bytes) => bytes is { Length: 3 } ? PlmnId.Read(bytes) : null;

    public static byte[] Tac(uint tac) => [(byte)(tac >> 16), (byte)(tac >> 8), (byte)tac];

    public static uint? Tac(byte[] bytes) => bytes is { Length: 3 } ? (uint)(bytes[0] << 16 | bytes[1] << 8 | bytes[2]) : null;

    public static NgapSNssai SNssai(SNssaiValue s) => new()
    {
        Sst = [s.Sst],
        Sd = s.Sd is uint sd ? [(byte)(sd >> 16), (byte)(sd >> 8), (byte)sd] : null,
    };

    public static SNssaiValue? SNssai(NgapSNssai s) => s.Sst is not { Length: 1 } ? null
        : s.Sd is null ? new SNssaiValue(s.Sst[0])
        : s.Sd.Length == 3 ? new SNssaiValue(s.Sst[0], (uint)(s.Sd[0] << 16 | s.Sd[1] << 8 | s.Sd[2]))
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
