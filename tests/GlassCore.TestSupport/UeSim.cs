// The USIM/ME side of 5G-AKA and EAP-AKA' (TS 33.501 §6.1.3, TS 33.102 §6.3) for tests: verifies AUTN, computes
// RES*, KAUSF, KSEAF the way a UE does, independently of the home network's code path.
using System.Security.Cryptography;
using GlassCore.Security;

namespace GlassCore.TestSupport;

public sealed record UeResult(ulong Sqn, byte[] ResStar, byte[] Res, byte[] Kausf, byte[] Kseaf, byte[] CkPrime, byte[] IkPrime, bool MacOk);

public static class UeSim
{
    public static UeResult Answer(string kHex, string opcHex, string randHex, string autnHex, string snn)
    {
        byte[] k = Convert.FromHexString(kHex), opc = Convert.FromHexString(opcHex), rand = Convert.FromHexString(randHex), autn = Convert.FromHexString(autnHex);
        byte[] res = new byte[8], ck = new byte[16], ik = new byte[16], ak = new byte[6], mac = new byte[8];
        Milenage.F2345(k, opc, rand, res, ck, ik, ak);
        byte[] sqn = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            sqn[i] = (byte)(autn[i] ^ ak[i]);
        }
        Milenage.F1(k, opc, rand, sqn, autn.AsSpan(6, 2), mac);
        bool macOk = CryptographicOperations.FixedTimeEquals(mac, autn.AsSpan(8, 8));
        byte[] resStar = new byte[16], kausf = new byte[32], kseaf = new byte[32], ckp = new byte[16], ikp = new byte[16];
        KeyHierarchy.ResStar(ck, ik, snn, rand, res, resStar);
        KeyHierarchy.Kausf(ck, ik, snn, autn.AsSpan(0, 6), kausf);
        KeyHierarchy.Kseaf(kausf, snn, kseaf);
        KeyHierarchy.CkIkPrime(ck, ik, snn, autn.AsSpan(0, 6), ckp, ikp);
        return new UeResult(Sqn.ToUInt64(sqn), resStar, res, kausf, kseaf, ckp, ikp, macOk);
    }

    public static byte[] Auts(string kHex, string opcHex, string randHex, ulong sqnMs)
    {
        byte[] s = new byte[6];
        Sqn.Write(sqnMs, s);
        byte[] auts = new byte[14];
        Resynchronisation.BuildAuts(Convert.FromHexString(kHex), Convert.FromHexString(opcHex), Convert.FromHexString(randHex), s, auts);
        return auts;
    }
}
