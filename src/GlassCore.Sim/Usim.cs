// TS 33.102 §6.3.3 and Annex C (USIM side of AKA), TS 33.501 §6.1.3.2 (RES*, KAUSF, KSEAF on the UE) and §6.1.3.3 (AUTS).
using System.Security.Cryptography;
using GlassCore.Security;

namespace GlassCore.Sim;

/// <summary>The USIM's answer to an authentication challenge.</summary>
public enum UsimResultKind : byte
{
    Ok,
    /// <summary>5GMM cause #20.</summary>
    MacFailure,
    /// <summary>5GMM cause #21, with AUTS.</summary>
    SynchFailure,
    /// <summary>5GMM cause #26: the AMF separation bit is not set.</summary>
    NonFiveGAuthenticationUnacceptable,
}

/// <summary>On success RES* and KSEAF (5G-AKA) or RES, CK' and IK' (EAP-AKA'); on synch failure AUTS.</summary>
public sealed record UsimResult(UsimResultKind Kind, byte[]? ResStar = null, byte[]? Kseaf = null, byte[]? Auts = null)
{
    public byte[]? Res { get; init; }

    public byte[]? CkPrime { get; init; }

    public byte[]? IkPrime { get; init; }
}

/// <summary>A USIM: SUPI, K, OPc and the Annex C SQN array. Keys stay inside; it is used by one UE's loop only.</summary>
public sealed class Usim
{
    private readonly byte[] _k;
    private readonly byte[] _opc;
    private readonly SqnArray _sqns;

    public Usim(string supi, ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, SqnFreshnessPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(supi);
        if (k.Length != 16 || opc.Length != 16)
        {
            throw new ArgumentException("K and OPc are 16 bytes");
        }
        Supi = supi;
        _k = k.ToArray();
        _opc = opc.ToArray();
        Policy = policy ?? new SqnFreshnessPolicy();
        _sqns = Policy.CreateArray();
    }

    public string Supi { get; }

    public SqnFreshnessPolicy Policy { get; }

    /// <summary>Marks <paramref name="sqn"/> as accepted, e.g. to model a USIM that is ahead of the home network.</summary>
    public void AcceptSqn(ulong sqn) => Policy.Accept(_sqns, sqn);

    /// <summary>Runs the challenge: AUTN check, SQN freshness, then RES*, KAUSF and KSEAF for the serving network.</summary>
    public UsimResult Authenticate(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn, string servingNetworkName)
    {
        if (Check(rand, autn) is { } failure)
        {
            return failure;
        }
        Span<byte> res = stackalloc byte[8];
        Span<byte> ck = stackalloc byte[16];
        Span<byte> ik = stackalloc byte[16];
        Span<byte> ak = stackalloc byte[6];
        Milenage.F2345(_k, _opc, rand, res, ck, ik, ak);
        var resStar = new byte[16];
        KeyHierarchy.ResStar(ck, ik, servingNetworkName, rand, res, resStar);
        Span<byte> kausf = stackalloc byte[32];
        KeyHierarchy.Kausf(ck, ik, servingNetworkName, autn[..6], kausf);
        var kseaf = new byte[32];
        KeyHierarchy.Kseaf(kausf, servingNetworkName, kseaf);
        CryptographicOperations.ZeroMemory(ck);
        CryptographicOperations.ZeroMemory(ik);
        CryptographicOperations.ZeroMemory(kausf);
        return new UsimResult(UsimResultKind.Ok, resStar, kseaf);
    }

    /// <summary>
    /// EAP-AKA' (TS 33.501 §6.1.3.1, RFC 9048 §3.3): the same AUTN and SQN checks, then RES and CK', IK' from CK, IK
    /// with the access network identity (the serving network name) and SQN ⊕ AK (TS 33.501 A.3).
    /// </summary>
    public UsimResult AuthenticateEapAkaPrime(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn, string networkName)
    {
        if (Check(rand, autn) is { } failure)
        {
            return failure;
        }
        var res = new byte[8];
        Span<byte> ck = stackalloc byte[16];
        Span<byte> ik = stackalloc byte[16];
        Span<byte> ak = stackalloc byte[6];
        Milenage.F2345(_k, _opc, rand, res, ck, ik, ak);
        var ckPrime = new byte[16];
        var ikPrime = new byte[16];
        KeyHierarchy.CkIkPrime(ck, ik, networkName, autn[..6], ckPrime, ikPrime);
        CryptographicOperations.ZeroMemory(ck);
        CryptographicOperations.ZeroMemory(ik);
        return new UsimResult(UsimResultKind.Ok) { Res = res, CkPrime = ckPrime, IkPrime = ikPrime };
    }

    /// <summary>TS 33.102 §6.3.3: AUTN's MAC, the AMF separation bit and SQN freshness; null when all pass.</summary>
    private UsimResult? Check(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn)
    {
        if (rand.Length != 16 || autn.Length != 16)
        {
            return new UsimResult(UsimResultKind.MacFailure);
        }
        Span<byte> sqn = stackalloc byte[6];
        switch (AkaChecks.VerifyAutn(_k, _opc, rand, autn, sqn))
        {
            case AutnCheck.MacFailure:
                return new UsimResult(UsimResultKind.MacFailure);
            case AutnCheck.AmfSeparationBitNotSet:
                return new UsimResult(UsimResultKind.NonFiveGAuthenticationUnacceptable);
        }
        ulong sqnValue = Sqn.ToUInt64(sqn);
        if (Policy.Verify(_sqns, sqnValue) != SqnCheck.Fresh)
        {
            Span<byte> sqnMs = stackalloc byte[6];
            Sqn.Write(Policy.SqnMs(_sqns), sqnMs);
            var auts = new byte[14];
            Resynchronisation.BuildAuts(_k, _opc, rand, sqnMs, auts);
            return new UsimResult(UsimResultKind.SynchFailure, Auts: auts);
        }
        Policy.Accept(_sqns, sqnValue);
        return null;
    }
}
