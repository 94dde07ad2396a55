// TS 24.501 §5.1.3.2.2 (5GMM states in the network) and TS 23.502 §4.2.2.2.2 (registration steps they follow).
namespace GlassCore.Amf.Gmm;

/// <summary>
/// The AMF's 5GMM state for one UE. §5.1.3.2.2 names three (DEREGISTERED, COMMON-PROCEDURE-INITIATED, REGISTERED);
/// the common-procedure state is split by which procedure runs, as open5gs does, so each state's handler only sees
/// the messages that procedure expects. <see cref="Exception"/> is where a UE goes when handling it failed.
/// </summary>
public enum GmmState : byte
{
    Deregistered,
    /// <summary>Identity Request sent, T3570 running (§5.4.3).</summary>
    Identification,
    /// <summary>Authentication Request sent or AUSF called, T3560 running (§5.4.1.3).</summary>
    Authentication,
    /// <summary>Security Mode Command sent, T3560 running (§5.4.2).</summary>
    SecurityMode,
    /// <summary>Registration Accept sent, T3550 running until Registration Complete (§5.5.1.2.4); with N2 this is Initial Context Setup.</summary>
    InitialContextSetup,
    Registered,
    /// <summary>Network-initiated Deregistration Request sent, T3522 running (§5.5.2.3).</summary>
    DeregisteredInitiated,
    /// <summary>Handling this UE failed unexpectedly: its context is released, other UEs carry on.</summary>
    Exception,
}

/// <summary>The AMF's NAS retransmission timers (§10.2, table 10.2.2).</summary>
public enum NasTimer : byte
{
    T3550,
    T3560,
    T3570,
    /// <summary>Deregistration Request (UE terminated), §5.5.2.3.</summary>
    T3522,
    /// <summary>Configuration Update Command with acknowledgement requested, §5.4.4.</summary>
    T3555,
}

/// <summary>§5.3.7: the AMF's reachability timers for a registered UE in 5GMM-IDLE (one runs at a time).</summary>
public enum ReachabilityTimer : byte
{
    MobileReachable,
    ImplicitDeregistration,
}
