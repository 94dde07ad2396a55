// TS 23.502 §4.3.2.2.1 / TS 24.501 §5.4.5.2: the AMF's PDU session routing context, one per PDU session ID of a UE.
using GlassCore.Nas.Ies;

namespace GlassCore.Amf.Sm;

/// <summary>Where a UE's PDU session lives (its SMF's SM context) and what the AMF holds for it. Owned by the UE's mailbox task.</summary>
public sealed class AmfPduSession(byte pduSessionId, SNssaiValue sNssai, string dnn)
{
    public byte PduSessionId { get; } = pduSessionId;

    public SNssaiValue SNssai { get; } = sNssai;

    public string Dnn { get; } = dnn;

    /// <summary>The SM context reference (absolute URI) from Create SM Context's Location; null until it is created.</summary>
    public string? SmContextRef { get; internal set; }

    /// <summary>The user plane is set up in the RAN (PDU Session Resource Setup Response reached the SMF).</summary>
    public bool UserPlaneActive { get; internal set; }

    /// <summary>N2 SM information (PDU_RES_SETUP_REQ) that waits for the UE to answer paging (TS 23.502 §4.2.3.3 step 4b).</summary>
    internal byte[]? PendingN2Setup { get; set; }

    /// <summary>N1 SM messages that wait for the UE to be reachable.</summary>
    internal List<byte[]> PendingN1 { get; } = [];

    /// <summary>A PDU Session Resource Release Command went to the RAN and its response has not come back yet: the
    /// routing context stays for it even when the UE's release complete was taken first.</summary>
    internal bool N2ReleasePending { get; set; }

    /// <summary>The SMF took the UE's PDU Session Release Complete.</summary>
    internal bool UeReleaseCompleted { get; set; }

    /// <summary>The last SMF call made for this session; the next one starts after it (see SmRelay.Start).</summary>
    internal Task LastSmfCall { get; set; } = Task.CompletedTask;

    /// <summary>The SBI call whose answer the session waits for; answers with another number are stale.</summary>
    internal long Transaction { get; set; }
}
