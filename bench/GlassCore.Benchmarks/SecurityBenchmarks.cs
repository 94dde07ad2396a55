// Issue 2 §5 targets for GlassCore.Security: 5G-AKA vectors/s, NEA2/NIA2 throughput, zero allocation.
using BenchmarkDotNet.Attributes;
using GlassCore.Security;

namespace GlassCore.Benchmarks;

[MemoryDiagnoser]
public class SecurityBenchmarks
{
    // TS 35.208 set 19 / the derived chain of kdf_5g.json.
    private readonly byte[] _k = Convert.FromHexString("5122250214c33e723a5dd523fc145fc0");
    private readonly byte[] _opc = Convert.FromHexString("981d464c7c52eb6e5036234984ad0bcf");
    private readonly byte[] _rand = Convert.FromHexString("81e92b6c0ee0e12ebceba8d92a99dfa5");
    private readonly byte[] _sqn = Convert.FromHexString("16f3b3f70fc2");
    private readonly byte[] _amf = Convert.FromHexString("c3ab");
    private const string Snn = "5G:mnc093.mcc208.3gppnetwork.org";

    private readonly byte[] _res = new byte[8], _ck = new byte[16], _ik = new byte[16], _ak = new byte[6], _macA = new byte[8];
    private readonly byte[] _autn = new byte[16], _xres = new byte[16], _hxres = new byte[16], _kausf = new byte[32], _kseaf = new byte[32];

    private readonly byte[] _nasKey = Convert.FromHexString("d3c5d592327fb11c4035c6680af8c6d1");
    private readonly byte[] _message = new byte[1500];
    private readonly byte[] _mac = new byte[4];

    [GlobalSetup]
    public void Setup()
    {
        new Random(5).NextBytes(_message);
    }

    /// <summary>One complete home-network 5G-AKA vector: f1-f5, AUTN, XRES*, HXRES*, KAUSF, KSEAF (target ≥ 200k/s/core).</summary>
    [Benchmark]
    public byte AkaHomeNetworkVector()
    {
        Milenage.F1(_k, _opc, _rand, _sqn, _amf, _macA);
        Milenage.F2345(_k, _opc, _rand, _res, _ck, _ik, _ak);
        KeyHierarchy.Autn(_sqn, _ak, _amf, _macA, _autn);
        KeyHierarchy.ResStar(_ck, _ik, Snn, _rand, _res, _xres);
        KeyHierarchy.HxresStar(_rand, _xres, _hxres);
        KeyHierarchy.Kausf(_ck, _ik, Snn, _autn.AsSpan(0, 6), _kausf);
        KeyHierarchy.Kseaf(_kausf, Snn, _kseaf);
        return _kseaf[0];
    }

    /// <summary>Milenage f1 + f2-f5 alone (must allocate nothing).</summary>
    [Benchmark]
    public byte MilenageF1ToF5()
    {
        Milenage.F1(_k, _opc, _rand, _sqn, _amf, _macA);
        Milenage.F2345(_k, _opc, _rand, _res, _ck, _ik, _ak);
        return _ak[0];
    }

    /// <summary>128-NEA2 over a 1500-byte message in place (target ≥ 1 GB/s: ≤ 1.5 µs per call).</summary>
    [Benchmark]
    public byte Nea2_1500Bytes()
    {
        Nea.Apply(NasCipheringAlgorithm.Nea2, _nasKey, 0x12345678, 1, 1, _message);
        return _message[0];
    }

    /// <summary>128-NIA2 over a 1500-byte message (target ≥ 1 GB/s, no allocation).</summary>
    [Benchmark]
    public byte Nia2_1500Bytes()
    {
        Nia.ComputeMac(NasIntegrityAlgorithm.Nia2, _nasKey, 0x12345678, 1, 1, _message, _mac);
        return _mac[0];
    }

    [Benchmark]
    public byte Nia1_1500Bytes()
    {
        Nia.ComputeMac(NasIntegrityAlgorithm.Nia1, _nasKey, 0x12345678, 1, 1, _message, _mac);
        return _mac[0];
    }

    [Benchmark]
    public byte Nia3_1500Bytes()
    {
        Nia.ComputeMac(NasIntegrityAlgorithm.Nia3, _nasKey, 0x12345678, 1, 1, _message, _mac);
        return _mac[0];
    }
}
