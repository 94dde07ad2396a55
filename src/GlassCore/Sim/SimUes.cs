// The UEs of `glasscore sim`: the demo subscribers `glasscore up` provisions, a range from a base SUPI, or a per-UE
// file; each gets a USIM (K, OPc) and the SUCI settings of the core's home network keys (TS 33.501 Annex C).
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GlassCore.Cli.Up;
using GlassCore.Nas.Ies;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Cli.Sim;

/// <summary>One UE of a per-UE file (JSON array): SUPI, K, OPc, and optionally its SUCI scheme and fault.</summary>
internal sealed record SimUeSpec
{
    public required string Supi { get; init; }

    public required string K { get; init; }

    public required string Opc { get; init; }

    /// <summary>null, A or B; default: the run's --scheme.</summary>
    public string? Scheme { get; init; }

    /// <summary>A <see cref="UeFault"/> name (wrong-k, stale-sqn, replay-nas, nia0-only, garbage-nas, garbage-ngap).</summary>
    public string? Fault { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<SimUeSpec>))]
internal sealed partial class SimUeSpecJson : JsonSerializerContext;

internal static class SimUes
{
    /// <summary>The demo subscribers of the core's PLMN that authenticate with 5G-AKA (the default set stays 5G-AKA; the EAP-AKA' one is reachable with --ue-file).</summary>
    public static List<SimUeSpec> Demo(UpConfig config) =>
    [
        .. DemoSubscribers.All
            .Where(s => s.AuthMethod == "5G_AKA" && s.Supi.StartsWith("imsi-" + config.Plmn.Mcc + config.Plmn.Mnc, StringComparison.Ordinal))
            .Select(s => new SimUeSpec { Supi = s.Supi, K = s.K, Opc = s.Opc }),
    ];

    /// <summary><paramref name="count"/> consecutive IMSIs from <paramref name="baseSupi"/>, all with the same K and OPc.</summary>
    public static List<SimUeSpec> Range(string baseSupi, int count, string k, string opc)
    {
        if (!baseSupi.StartsWith("imsi-", StringComparison.Ordinal) || baseSupi.Length is < 11 or > 20 || !baseSupi[5..].All(char.IsAsciiDigit))
        {
            throw new FormatException($"--supi {baseSupi}: an imsi-<digits> SUPI");
        }
        string digits = baseSupi[5..];
        ulong first = ulong.Parse(digits, CultureInfo.InvariantCulture);
        if (first + (ulong)count - 1 >= Pow10(digits.Length))
        {
            throw new FormatException($"--supi {baseSupi} --ues {count}: the range overflows {digits.Length} digits");
        }
        return [.. Enumerable.Range(0, count).Select(i => new SimUeSpec
        {
            Supi = "imsi-" + (first + (ulong)i).ToString(CultureInfo.InvariantCulture).PadLeft(digits.Length, '0'),
            K = k,
            Opc = opc,
        })];
    }

    public static List<SimUeSpec> FromFile(string path)
    {
        using FileStream f = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize(f, SimUeSpecJson.Default.ListSimUeSpec) ?? [];
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}");
        }
    }

    public static UeFault ParseFault(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "none" => UeFault.None,
        "wrong-k" => UeFault.WrongK,
        "stale-sqn" => UeFault.StaleSqn,
        "replay-nas" => UeFault.ReplayNas,
        "nia0-only" => UeFault.Nia0Only,
        "garbage-nas" => UeFault.GarbageNas,
        "garbage-ngap" => UeFault.GarbageNgap,
        _ => throw new FormatException($"fault {name}: one of none, wrong-k, stale-sqn, replay-nas, nia0-only, garbage-nas, garbage-ngap"),
    };

    public static ProtectionScheme ParseScheme(string? name) => name?.ToUpperInvariant() switch
    {
        "NULL" or "0" => ProtectionScheme.Null,
        null or "" or "A" or "1" => ProtectionScheme.ProfileA,
        "B" or "2" => ProtectionScheme.ProfileB,
        _ => throw new FormatException($"scheme {name}: null, A or B"),
    };

    public static PlmnId Plmn(UpConfig config) =>
        new(ushort.Parse(config.Plmn.Mcc, CultureInfo.InvariantCulture), ushort.Parse(config.Plmn.Mnc, CultureInfo.InvariantCulture), config.Plmn.Mnc.Length == 3);

    /// <summary>The UE side of the home network keys: key id and public key per profile.</summary>
    public static UeConfig Template(UpConfig config, IReadOnlyList<HomeNetworkKeys.Key> keys, ProtectionScheme scheme)
    {
        PlmnId plmn = Plmn(config);
        if (scheme == ProtectionScheme.Null)
        {
            return new UeConfig { Plmn = plmn, Scheme = scheme };
        }
        char profile = scheme == ProtectionScheme.ProfileA ? 'A' : 'B';
        HomeNetworkKeys.Key key = keys.FirstOrDefault(k => k.Profile == profile)
            ?? throw new FormatException($"no Profile {profile} home network key configured");
        return new UeConfig { Plmn = plmn, Scheme = scheme, HomeNetworkPublicKeyId = (byte)key.Id, HomeNetworkPublicKey = key.PublicKey };
    }

    /// <summary>Builds the UE with its fault applied to the USIM or the UE's capabilities.</summary>
    public static SimUe Build(int index, SimUeSpec spec, Func<ProtectionScheme, UeConfig> templateFor, ProtectionScheme scheme, UeFault fault)
    {
        byte[] k = Convert.FromHexString(spec.K);
        byte[] opc = Convert.FromHexString(spec.Opc);
        if (fault == UeFault.WrongK)
        {
            k[^1] ^= 0x01;
        }
        var usim = new Usim(spec.Supi, k, opc);
        if (fault == UeFault.StaleSqn)
        {
            // The USIM has accepted an SQN far ahead of the home network's (SEQ 2^20) in every IND slot (TS 33.102 C.1.2).
            for (int ind = 0; ind < usim.Policy.ArraySize; ind++)
            {
                usim.AcceptSqn(usim.Policy.Compose(1UL << 20, ind));
            }
        }
        UeConfig template = templateFor(spec.Scheme is null ? scheme : ParseScheme(spec.Scheme));
        UeConfig config = fault == UeFault.Nia0Only ? template with { FiveGIa = 0x80, FiveGEa = 0x80 } : template;
        return new SimUe(index, new UeNas(config, usim), fault);
    }

    private static ulong Pow10(int n)
    {
        ulong p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }
}
