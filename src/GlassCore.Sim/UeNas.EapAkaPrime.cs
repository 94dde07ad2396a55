// TS 24.501 §5.4.1.2 (EAP-based primary authentication, UE side), TS 33.501 §6.1.3.1 (EAP-AKA': the UE checks AUTN
// and the network name, derives CK', IK' and from them K_aut and EMSK; KAUSF is EMSK's first 256 bits) and RFC 9048 /
// RFC 5448 §3 with RFC 4187 §9 (the peer's answers).
using System.Security.Cryptography;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;

namespace GlassCore.Sim;

public sealed partial class UeNas
{
    /// <summary>The identifier of the EAP-AKA' challenge this UE answered; the Security Mode Command must bring its EAP-Success.</summary>
    private byte? _eapIdentifier;

    /// <summary>True once the last authentication ran EAP-AKA' and its EAP-Success arrived (§5.4.1.2.2.3).</summary>
    public bool EapAuthenticated { get; private set; }

    /// <summary>The EAP-AKA' subtype of the last EAP-Response this UE sent (1 challenge, 2 reject, 4 synch failure, 14 client error), or 0.</summary>
    public byte LastEapSubtype { get; private set; }

    /// <summary>
    /// §5.4.1.2.2.2: an Authentication Request with an EAP-Request/AKA'-Challenge. RFC 5448 §3.2: AT_KDF must be
    /// there and this UE only knows KDF 1 (no negotiation: another first choice is refused); TS 33.501 §6.1.3.1: the
    /// network name in AT_KDF_INPUT must be the serving network name the UE computes itself. A bad AUTN is answered
    /// with AKA'-Authentication-Reject, a stale SQN with AKA'-Synchronization-Failure (AT_AUTS), a request whose
    /// AT_MAC does not verify with K_aut (or that cannot be processed) with AKA'-Client-Error (RFC 4187 §6.3.1).
    /// </summary>
    private IReadOnlyList<byte[]> HandleEapAuthenticationRequest(AuthenticationRequest ar, OctetString eap)
    {
        if (!EapAkaPrimePacket.TryParse(eap.Value.Span, out EapAkaPrimeMessage m, out _) || m.Code != EapAkaPrimePacket.CodeRequest)
        {
            return Discard();
        }
        _eapIdentifier = null;
        byte id = m.Identifier;
        if (m.Subtype != EapAkaPrimePacket.SubtypeChallenge || m.Rand is not { } rand || m.Autn is not { } autn || m.MacOffset < 0 || m.Kdfs.Count == 0)
        {
            return EapReply(EapAkaPrimePacket.BuildClientError(id));
        }
        if (m.Kdfs[0] != EapAkaPrimePacket.KdfCkIkPrimeSha256 || m.KdfInput != config.ServingNetworkName)
        {
            return EapReply(EapAkaPrimePacket.BuildAuthenticationReject(id), 20);
        }
        var r = usim.AuthenticateEapAkaPrime(rand, autn, m.KdfInput);
        switch (r.Kind)
        {
            case UsimResultKind.SynchFailure:
                return EapReply(EapAkaPrimePacket.BuildSynchronizationFailure(id, r.Auts!), 21);
            case UsimResultKind.MacFailure:
                return EapReply(EapAkaPrimePacket.BuildAuthenticationReject(id), 20);
            case UsimResultKind.NonFiveGAuthenticationUnacceptable:
                return EapReply(EapAkaPrimePacket.BuildAuthenticationReject(id), 26);
        }
        byte[] ckPrime = r.CkPrime!, ikPrime = r.IkPrime!;
        byte[] kEncr = new byte[EapAkaPrimeKeys.KEncrLength], kAut = new byte[EapAkaPrimeKeys.KAutLength], kRe = new byte[EapAkaPrimeKeys.KReLength];
        byte[] msk = new byte[EapAkaPrimeKeys.MskLength], emsk = new byte[EapAkaPrimeKeys.EmskLength];
        try
        {
            EapAkaPrimeKeys.Derive(ckPrime, ikPrime, EapAkaPrimePacket.KeyIdentity(usim.Supi), kEncr, kAut, kRe, msk, emsk);
            if (!EapAkaPrimePacket.MacValid(eap.Value.Span, m.MacOffset, kAut))
            {
                return EapReply(EapAkaPrimePacket.BuildClientError(id));
            }
            Span<byte> kausf = stackalloc byte[32];
            EapAkaPrimeKeys.Kausf(emsk, kausf);
            var kseaf = new byte[32];
            KeyHierarchy.Kseaf(kausf, config.ServingNetworkName, kseaf);
            CryptographicOperations.ZeroMemory(kausf);
            _kseaf = kseaf;
            _ngKsi = ar.NgKsi.Ksi;
            _abba = ar.Abba.Value.Length >= 2 ? ar.Abba.Value.ToArray() : [0, 0];
            _eapIdentifier = id;
            return EapReply(EapAkaPrimePacket.BuildChallengeResponse(id, r.Res!, kAut));
        }
        finally
        {
            foreach (byte[] key in (byte[][])[ckPrime, ikPrime, kEncr, kAut, kRe, msk, emsk])
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    /// <summary>§5.4.1.2.2.3: after EAP-AKA' the Security Mode Command must carry the EAP-Success of the answered challenge.</summary>
    private bool EapSuccessExpected(SecurityModeCommand smc) =>
        _eapIdentifier is not { } id
        || (smc.EapMessage is { } eap && EapAkaPrimePacket.TryParse(eap.Value.Span, out EapAkaPrimeMessage m, out _)
            && m.Code == EapAkaPrimePacket.CodeSuccess && m.Identifier == id);

    /// <summary>The command that carried the EAP-Success verified: EAP-AKA' is complete.</summary>
    private void EapCompleted()
    {
        if (_eapIdentifier is not null)
        {
            _eapIdentifier = null;
            EapAuthenticated = true;
        }
    }

    private IReadOnlyList<byte[]> EapReply(byte[] eap, byte failureCause = 0)
    {
        LastEapSubtype = eap[5];
        LastFailureCause = failureCause;
        return Send(new AuthenticationResponse { EapMessage = new OctetString(eap) });
    }
}
