// TS 29.505 / TS 29.503: the UDR's data sets built from a provisioned subscriber (am-data, smf-selection-subscription-data,
// sm-data, authentication-subscription).
using System.Globalization;
using GlassCore.Sbi.Models;
using GlassCore.Udr.Storage;

namespace GlassCore.Udr;

public static class SubscriptionDataMapper
{
    public static AuthenticationSubscription AuthenticationSubscription(StoredSubscriber s)
    {
        ArgumentNullException.ThrowIfNull(s);
        // TS 29.505: encPermanentKey/encOpcKey carry K/OPc, protected by the transport (TLS) between UDR and UDM;
        // the at-rest encryption is the store's concern.
        return new AuthenticationSubscription
        {
            AuthenticationMethod = s.AuthMethod,
            EncPermanentKey = Convert.ToHexString(s.K),
            EncOpcKey = Convert.ToHexString(s.Opc),
            AuthenticationManagementField = s.Amf,
            AlgorithmId = "milenage",
            SequenceNumber = new SequenceNumber { SqnScheme = "NON_TIME_BASED", Sqn = s.Sqn.ToString("X12", CultureInfo.InvariantCulture), IndLength = 5 },
            Supi = s.Supi,
        };
    }

    public static Snssai Snssai(SubscribedSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return new Snssai { Sst = slice.Sst, Sd = slice.Sd?.ToUpperInvariant() };
    }

    public static AccessAndMobilitySubscriptionData AmData(StoredSubscriber s)
    {
        ArgumentNullException.ThrowIfNull(s);
        List<Snssai> slices = [.. s.Profile.Slices.Select(Snssai)];
        return new AccessAndMobilitySubscriptionData
        {
            Gpsis = s.Profile.Msisdn is null ? null : ["msisdn-" + s.Profile.Msisdn],
            SubscribedUeAmbr = new Ambr { Uplink = s.Profile.AmbrUplink, Downlink = s.Profile.AmbrDownlink },
            Nssai = new Nssai { DefaultSingleNssais = slices, SingleNssais = slices },
            SubscribedDnnList = [.. s.Profile.Slices.SelectMany(sl => sl.Dnns).Distinct(StringComparer.OrdinalIgnoreCase)],
        };
    }

    /// <summary>TS 29.503 SmfSelectionSubscriptionData: keys are the S-NSSAI as "sst" or "sst-sd" (TS 29.571 SnssaiExtension key).</summary>
    public static SmfSelectionSubscriptionData SmfSelectionData(StoredSubscriber s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var infos = new Dictionary<string, SnssaiInfo>(StringComparer.Ordinal);
        foreach (SubscribedSlice sl in s.Profile.Slices)
        {
            infos[SnssaiKey(sl)] = new SnssaiInfo { DnnInfos = [.. sl.Dnns.Select((d, i) => new DnnInfo { Dnn = d, DefaultDnnIndicator = i == 0 ? true : null })] };
        }
        return new SmfSelectionSubscriptionData { SubscribedSnssaiInfos = infos };
    }

    public static string SnssaiKey(SubscribedSlice sl)
    {
        ArgumentNullException.ThrowIfNull(sl);
        return sl.Sd is null ? sl.Sst.ToString(CultureInfo.InvariantCulture) : $"{sl.Sst}-{sl.Sd.ToUpperInvariant()}";
    }

    public static List<SessionManagementSubscriptionData> SmData(StoredSubscriber s, Snssai? filterSnssai, string? filterDnn)
    {
        ArgumentNullException.ThrowIfNull(s);
        var list = new List<SessionManagementSubscriptionData>();
        foreach (SubscribedSlice sl in s.Profile.Slices)
        {
            Snssai snssai = Snssai(sl);
            if (filterSnssai is not null && !snssai.Matches(filterSnssai))
            {
                continue;
            }
            var dnns = new Dictionary<string, DnnConfiguration>(StringComparer.Ordinal);
            foreach (string dnn in sl.Dnns)
            {
                if (filterDnn is not null && !string.Equals(dnn, filterDnn, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                dnns[dnn] = new DnnConfiguration
                {
                    PduSessionTypes = new PduSessionTypes { DefaultSessionType = "IPV4", AllowedSessionTypes = ["IPV4", "IPV6", "IPV4V6"] },
                    SscModes = new SscModes { DefaultSscMode = "SSC_MODE_1", AllowedSscModes = ["SSC_MODE_2", "SSC_MODE_3"] },
                    FiveGQosProfile = new SubscribedDefaultQos
                    {
                        FiveQi = 9,
                        Arp = new Arp { PriorityLevel = 8, PreemptCap = "NOT_PREEMPT", PreemptVuln = "PREEMPTABLE" },
                        PriorityLevel = 8,
                    },
                    SessionAmbr = new Ambr { Uplink = s.Profile.AmbrUplink, Downlink = s.Profile.AmbrDownlink },
                };
            }
            list.Add(new SessionManagementSubscriptionData { SingleNssai = snssai, DnnConfigurations = dnns });
        }
        return list;
    }
}
