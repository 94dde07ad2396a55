// Issue 2 §5: the Milenage, key-derivation and NAS integrity/ciphering paths allocate nothing per call.
namespace GlassCore.Security.Tests;

public class AllocationTests
{
    [Fact]
    public void MilenageKdfNiaNea_AllocateNothing()
    {
        byte[] k = new byte[16], opc = new byte[16], rand = new byte[16], sqn = new byte[6], amf = new byte[2];
        byte[] macA = new byte[8], res = new byte[8], ck = new byte[16], ik = new byte[16], ak = new byte[6];
        byte[] xres = new byte[16], hx = new byte[16], kausf = new byte[32], kseaf = new byte[32], mac = new byte[4];
        byte[] message = new byte[1500];
        void Once()
        {
            Milenage.F1(k, opc, rand, sqn, amf, macA);
            Milenage.F2345(k, opc, rand, res, ck, ik, ak);
            KeyHierarchy.ResStar(ck, ik, "5G:mnc093.mcc208.3gppnetwork.org", rand, res, xres);
            KeyHierarchy.HxresStar(rand, xres, hx);
            KeyHierarchy.Kausf(ck, ik, "5G:mnc093.mcc208.3gppnetwork.org", sqn, kausf);
            KeyHierarchy.Kseaf(kausf, "5G:mnc093.mcc208.3gppnetwork.org", kseaf);
            for (byte alg = 0; alg < 4; alg++)
            {
                Nia.ComputeMac((NasIntegrityAlgorithm)alg, ck, 7, 1, 0, message, mac);
                Nea.Apply((NasCipheringAlgorithm)alg, ck, 7, 1, 0, message);
            }
        }
        Once();
        // One-off runtime work (tiered JIT call counting) can allocate once on this thread; a per-call allocation
        // shows in every round, so the quietest of several rounds is what is checked.
        long allocated = long.MaxValue;
        for (int round = 0; round < 10; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                Once();
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        // Without AES-NI the AES blocks go through .NET's Aes, which allocates; the hardware path must not.
        if (Aes128.HardwareAccelerated)
        {
            Assert.Equal(0, allocated);
        }
        else
        {
            Assert.True(allocated > 0);
        }
    }
}
