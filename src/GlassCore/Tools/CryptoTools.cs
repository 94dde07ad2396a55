// `glasscore tools milenage|aka|suci|nea|nia|kdf` (issue 2 §3): the GlassCore.Security functions on hex input.
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GlassCore.Security;

namespace GlassCore.Cli.Tools;

internal static class CryptoTools
{
    /// <summary>Adds the crypto commands to the tools group.</summary>
    internal static void AddTo(Command tools)
    {
        tools.Subcommands.Add(Milenage());
        tools.Subcommands.Add(Aka());
        tools.Subcommands.Add(SuciCommand());
        tools.Subcommands.Add(NeaNia(integrity: false));
        tools.Subcommands.Add(NeaNia(integrity: true));
        tools.Subcommands.Add(KdfCommand());
    }

    private static Option<string> Hex(string name, string description, bool required = true) =>
        new(name) { Description = description, Required = required };

    // Options shared by milenage and aka.
    private sealed class SubscriberOptions
    {
        public Option<string> K { get; } = Hex("--k", "subscriber key K (16 bytes)");
        public Option<string> Op { get; } = Hex("--op", "operator variant OP (16 bytes); OPc is computed", required: false);
        public Option<string> Opc { get; } = Hex("--opc", "OPc (16 bytes)", required: false);
        public Option<string> Rand { get; } = Hex("--rand", "RAND (16 bytes)");
        public Option<string> Sqn { get; } = Hex("--sqn", "SQN (6 bytes)");
        public Option<string> Amf { get; } = Hex("--amf", "AMF (2 bytes)");

        public void AddTo(Command c)
        {
            c.Options.Add(K);
            c.Options.Add(Op);
            c.Options.Add(Opc);
            c.Options.Add(Rand);
            c.Options.Add(Sqn);
            c.Options.Add(Amf);
            c.Validators.Add(r =>
            {
                bool op = r.GetResult(Op) is not null, opc = r.GetResult(Opc) is not null;
                if (op == opc)
                {
                    r.AddError("give exactly one of --op and --opc");
                }
            });
        }

        public (byte[] K, byte[] Opc, byte[] Rand, byte[] Sqn, byte[] Amf) Read(ParseResult p)
        {
            byte[] k = ToolOutput.Hex(p.GetValue(K), "--k", 16);
            byte[] opc;
            string? op = p.GetValue(Op);
            if (op is not null)
            {
                opc = new byte[16];
                Security.Milenage.ComputeOpc(k, ToolOutput.Hex(op, "--op", 16), opc);
            }
            else
            {
                opc = ToolOutput.Hex(p.GetValue(Opc), "--opc", 16);
            }
            return (k, opc, ToolOutput.Hex(p.GetValue(Rand), "--rand", 16), ToolOutput.Hex(p.GetValue(Sqn), "--sqn", 6), ToolOutput.Hex(p.GetValue(Amf), "--amf", 2));
        }
    }

    private static Command Milenage()
    {
        var cmd = new Command("milenage", "Milenage f1-f5* (TS 35.206): prints opc, mac_a, mac_s, res, ck, ik, ak, ak_star.");
        var s = new SubscriberOptions();
        s.AddTo(cmd);
        cmd.SetAction(p => ToolOutput.Run(p, w =>
        {
            var (k, opc, rand, sqn, amf) = s.Read(p);
            Span<byte> macA = stackalloc byte[8], macS = stackalloc byte[8], res = stackalloc byte[8];
            Span<byte> ck = stackalloc byte[16], ik = stackalloc byte[16], ak = stackalloc byte[6], akStar = stackalloc byte[6];
            Security.Milenage.F1AndF1Star(k, opc, rand, sqn, amf, macA, macS);
            Security.Milenage.F2345(k, opc, rand, res, ck, ik, ak);
            Security.Milenage.F5Star(k, opc, rand, akStar);
            w.WriteHex("opc", opc);
            w.WriteHex("mac_a", macA);
            w.WriteHex("mac_s", macS);
            w.WriteHex("res", res);
            w.WriteHex("ck", ck);
            w.WriteHex("ik", ik);
            w.WriteHex("ak", ak);
            w.WriteHex("ak_star", akStar);
        }));
        return cmd;
    }

    private static Command Aka()
    {
        var cmd = new Command("aka", "Home-network side of 5G-AKA and EAP-AKA' (TS 33.501 Annex A): prints autn, xres_star, hxres_star, kausf, kseaf, kamf, ck_prime, ik_prime.");
        var s = new SubscriberOptions();
        s.AddTo(cmd);
        var snn = new Option<string>("--snn") { Description = "serving network name, e.g. 5G:mnc093.mcc208.3gppnetwork.org", Required = true };
        var supi = new Option<string>("--supi") { Description = "SUPI, e.g. imsi-208930000000001", Required = true };
        var abba = new Option<string>("--abba") { Description = "ABBA (hex, default 0000)", DefaultValueFactory = _ => "0000" };
        cmd.Options.Add(snn);
        cmd.Options.Add(supi);
        cmd.Options.Add(abba);
        cmd.SetAction(p => ToolOutput.Run(p, w =>
        {
            var (k, opc, rand, sqn, amf) = s.Read(p);
            string name = p.GetValue(snn) ?? "";
            string id = p.GetValue(supi) ?? "";
            if (!name.StartsWith("5G:", StringComparison.Ordinal) || !System.Text.Ascii.IsValid(name))
            {
                throw new ToolInputException("--snn: a serving network name is ASCII and starts with 5G:");
            }
            if (id.Length == 0 || !System.Text.Ascii.IsValid(id))
            {
                throw new ToolInputException("--supi: an ASCII SUPI is required");
            }
            byte[] abbaBytes = ToolOutput.Hex(p.GetValue(abba), "--abba");
            if (abbaBytes.Length < 2)
            {
                throw new ToolInputException("--abba: at least 2 bytes");
            }
            Span<byte> macA = stackalloc byte[8], res = stackalloc byte[8], ck = stackalloc byte[16], ik = stackalloc byte[16], ak = stackalloc byte[6];
            Security.Milenage.F1(k, opc, rand, sqn, amf, macA);
            Security.Milenage.F2345(k, opc, rand, res, ck, ik, ak);
            Span<byte> autn = stackalloc byte[16], xres = stackalloc byte[16], hxres = stackalloc byte[16];
            Span<byte> kausf = stackalloc byte[32], kseaf = stackalloc byte[32], kamf = stackalloc byte[32];
            Span<byte> ckp = stackalloc byte[16], ikp = stackalloc byte[16];
            KeyHierarchy.Autn(sqn, ak, amf, macA, autn);
            KeyHierarchy.ResStar(ck, ik, name, rand, res, xres);
            KeyHierarchy.HxresStar(rand, xres, hxres);
            KeyHierarchy.Kausf(ck, ik, name, autn[..6], kausf);
            KeyHierarchy.Kseaf(kausf, name, kseaf);
            KeyHierarchy.Kamf(kseaf, id, abbaBytes, kamf);
            KeyHierarchy.CkIkPrime(ck, ik, name, autn[..6], ckp, ikp);
            w.WriteHex("autn", autn);
            w.WriteHex("xres_star", xres);
            w.WriteHex("hxres_star", hxres);
            w.WriteHex("kausf", kausf);
            w.WriteHex("kseaf", kseaf);
            w.WriteHex("kamf", kamf);
            w.WriteHex("ck_prime", ckp);
            w.WriteHex("ik_prime", ikp);
        }));
        return cmd;
    }

    private static Command SuciCommand()
    {
        var suci = new Command("suci", "SUCI concealment and de-concealment (TS 33.501 Annex C).");

        var conceal = new Command("conceal", "SUPI → SUCI (UE side): prints suci and suci_nai (the TS 23.003 §28.7.3 NAI form).");
        var profile = new Option<string>("--profile") { Description = "null, A or B", Required = true };
        profile.AcceptOnlyFromAmong("null", "A", "B");
        var hnPublic = Hex("--hn-public-key", "home network public key: 32 bytes (A) or a compressed/uncompressed P-256 point (B)", required: false);
        var keyId = new Option<int>("--key-id") { Description = "home network public key identifier (0-255)", Required = true };
        var supi = new Option<string>("--supi") { Description = "imsi-<digits>, or nai-|gli-|gci-<user>@<realm>", Required = true };
        var mncDigits = new Option<int>("--mnc-digits") { Description = "MNC length: 2 or 3", DefaultValueFactory = _ => 2 };
        var ri = new Option<string>("--routing-indicator") { Description = "routing indicator, 1-4 digits", DefaultValueFactory = _ => "0000" };
        var eph = Hex("--ephemeral-private-key", "fixed ephemeral private key (32 bytes; test vectors only)", required: false);
        foreach (Option o in new Option[] { profile, hnPublic, keyId, supi, mncDigits, ri, eph })
        {
            conceal.Options.Add(o);
        }
        conceal.SetAction(p => ToolOutput.Run(p, w =>
        {
            ProtectionScheme scheme = p.GetValue(profile) switch
            {
                "A" => ProtectionScheme.ProfileA,
                "B" => ProtectionScheme.ProfileB,
                _ => ProtectionScheme.Null,
            };
            int id = p.GetValue(keyId);
            if (id is < 0 or > 255)
            {
                throw new ToolInputException("--key-id: 0 to 255");
            }
            byte[] pub = scheme == ProtectionScheme.Null ? [] : ToolOutput.Hex(p.GetValue(hnPublic), "--hn-public-key");
            string? ephText = p.GetValue(eph);
            byte[] ephKey = ephText is null ? [] : ToolOutput.Hex(ephText, "--ephemeral-private-key", 32);
            Suci result = SuciConcealer.Conceal(p.GetValue(supi) ?? "", scheme, (byte)id, pub, p.GetValue(ri) ?? "0000", p.GetValue(mncDigits), ephKey);
            w.WriteString("suci", result.ToString());
            w.WriteString("suci_nai", result.ToNai());
        }));

        var deconceal = new Command("deconceal", "SUCI → SUPI (home network side): prints supi.");
        var hnPrivate = Hex("--hn-private-key", "home network private key (32 bytes; not needed for the null scheme)", required: false);
        var suciText = new Option<string>("--suci") { Description = "suci-0-<mcc>-<mnc>-<ri>-<scheme>-<key id>-<scheme output>, or the NAI form type<n>.rid<ri>.schid<scheme>...@<realm>", Required = true };
        deconceal.Options.Add(hnPrivate);
        deconceal.Options.Add(suciText);
        deconceal.SetAction(p => ToolOutput.Run(p, w =>
        {
            if (!Suci.TryParse(p.GetValue(suciText), out Suci parsed, out SuciError parseError))
            {
                throw new ToolInputException($"--suci: not a SUCI ({parseError})");
            }
            using var d = new SuciDeconcealer();
            if (parsed.ProtectionScheme is ProtectionScheme.ProfileA or ProtectionScheme.ProfileB)
            {
                d.AddKey(parsed.ProtectionScheme, parsed.HomeNetworkPublicKeyId, ToolOutput.Hex(p.GetValue(hnPrivate), "--hn-private-key", 32));
            }
            if (!d.TryDeconceal(parsed, out string result, out SuciError error))
            {
                throw new ToolInputException($"--suci: de-concealment failed ({error})");
            }
            w.WriteString("supi", result);
        }));

        suci.Subcommands.Add(conceal);
        suci.Subcommands.Add(deconceal);
        return suci;
    }

    private static Command NeaNia(bool integrity)
    {
        var cmd = integrity
            ? new Command("nia", "128-NIA0-3 (TS 33.501 Annex D.3): prints mac.")
            : new Command("nea", "128-NEA0-3 (TS 33.501 Annex D.2): prints output.");
        var alg = new Option<int>("--alg") { Description = "algorithm 0, 1, 2 or 3", Required = true };
        var key = Hex("--key", "128-bit key (16 bytes; ignored by algorithm 0)", required: false);
        var count = new Option<uint>("--count") { Description = "COUNT (32 bits)", Required = true };
        var bearer = new Option<int>("--bearer") { Description = "BEARER (0-31)", Required = true };
        var direction = new Option<int>("--direction") { Description = "DIRECTION: 0 uplink, 1 downlink", Required = true };
        var bits = new Option<long>("--bits") { Description = "LENGTH in bits (default: all of --data)" };
        var data = Hex("--data", "message (hex)", required: false);
        foreach (Option o in new Option[] { alg, key, count, bearer, direction, bits, data })
        {
            cmd.Options.Add(o);
        }
        cmd.SetAction(p => ToolOutput.Run(p, w =>
        {
            int a = p.GetValue(alg);
            if (a is < 0 or > 3)
            {
                throw new ToolInputException("--alg: 0, 1, 2 or 3");
            }
            byte[] k = a == 0 && p.GetValue(key) is null ? new byte[16] : ToolOutput.Hex(p.GetValue(key), "--key", 16);
            string? dataText = p.GetValue(data);
            byte[] d = string.IsNullOrEmpty(dataText) ? [] : ToolOutput.Hex(dataText, "--data");
            long length = p.GetResult(bits) is null ? d.LongLength * 8 : p.GetValue(bits);
            int b = p.GetValue(bearer), dir = p.GetValue(direction);
            if (b is < 0 or > 31)
            {
                throw new ToolInputException("--bearer: 0 to 31");
            }
            if (dir is < 0 or > 1)
            {
                throw new ToolInputException("--direction: 0 or 1");
            }
            if (length < 0 || (length + 7) / 8 > d.Length)
            {
                throw new ToolInputException($"--bits: {length} bits do not fit the {d.Length} bytes of --data");
            }
            if (integrity)
            {
                Span<byte> mac = stackalloc byte[4];
                Nia.ComputeMac((NasIntegrityAlgorithm)a, k, p.GetValue(count), (byte)b, (byte)dir, d, length, mac);
                w.WriteHex("mac", mac);
            }
            else
            {
                byte[] used = d[..(int)((length + 7) / 8)];
                Nea.Apply((NasCipheringAlgorithm)a, k, p.GetValue(count), (byte)b, (byte)dir, used, length);
                w.WriteHex("output", used);
            }
        }));
        return cmd;
    }

    private static Command KdfCommand()
    {
        var cmd = new Command("kdf", "The TS 33.220 Annex B.2 KDF: HMAC-SHA-256(key, FC || P0 || L0 || ...); prints output.");
        var key = Hex("--key", "key (hex)");
        var fc = Hex("--fc", "FC (one byte, hex)");
        var param = new Option<string[]>("--param") { Description = "a parameter Pi (hex); repeat in order", Arity = ArgumentArity.ZeroOrMore };
        cmd.Options.Add(key);
        cmd.Options.Add(fc);
        cmd.Options.Add(param);
        cmd.SetAction(p => ToolOutput.Run(p, w =>
        {
            byte[] k = ToolOutput.Hex(p.GetValue(key), "--key");
            byte f = ToolOutput.Hex(p.GetValue(fc), "--fc", 1)[0];
            string[] texts = p.GetValue(param) ?? [];
            var ps = new byte[texts.Length][];
            for (int i = 0; i < texts.Length; i++)
            {
                // An empty parameter is legal (L = 0), so "" is accepted here.
                ps[i] = texts[i].Length == 0 ? [] : ToolOutput.Hex(texts[i], "--param " + (i + 1).ToString(CultureInfo.InvariantCulture));
            }
            Span<byte> output = stackalloc byte[Kdf.OutputLength];
            Kdf.Derive(k, f, output, ps);
            w.WriteHex("output", output);
        }));
        return cmd;
    }
}
