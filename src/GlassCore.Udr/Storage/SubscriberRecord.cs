// The provisioning view of one subscriber (TS 23.008 / TS 29.505 data GlassCore keeps): credentials, SQN and the
// slices/DNNs from which the UDR builds am-data, smf-selection-subscription-data and sm-data.
using System.Text.Json.Serialization;

namespace GlassCore.Udr.Storage;

public sealed class SubscriberRecord
{
    /// <summary>imsi-MCCMNCMSIN.</summary>
    public required string Supi { get; set; }
    /// <summary>K, 16 bytes hex.</summary>
    public required string K { get; set; }
    /// <summary>OPc, 16 bytes hex.</summary>
    public required string Opc { get; set; }
    /// <summary>AMF field of AUTN, 2 bytes hex (8000: separation bit set, TS 33.102 Annex H).</summary>
    public string Amf { get; set; } = "8000";
    /// <summary>SQN, 6 bytes hex.</summary>
    public string Sqn { get; set; } = "000000000020";
    /// <summary>5G_AKA or EAP_AKA_PRIME (TS 29.505 AuthMethod).</summary>
    public string AuthMethod { get; set; } = "5G_AKA";
    public string? Msisdn { get; set; }
    public List<SubscribedSlice> Slices { get; set; } = [new SubscribedSlice()];
    public string AmbrUplink { get; set; } = "1 Gbps";
    public string AmbrDownlink { get; set; } = "2 Gbps";
}

public sealed class SubscribedSlice
{
    public int Sst { get; set; } = 1;
    public string? Sd { get; set; }
    public List<string> Dnns { get; set; } = ["internet"];
}

/// <summary>What the store keeps besides K/OPc/AMF/SQN (a JSON column, so new fields need no migration).</summary>
public sealed class SubscriberProfile
{
    public string? Msisdn { get; set; }
    public List<SubscribedSlice> Slices { get; set; } = [];
    public string AmbrUplink { get; set; } = "1 Gbps";
    public string AmbrDownlink { get; set; } = "2 Gbps";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SubscriberRecord))]
[JsonSerializable(typeof(List<SubscriberRecord>))]
[JsonSerializable(typeof(SubscriberProfile))]
public sealed partial class UdrJsonContext : JsonSerializerContext;
