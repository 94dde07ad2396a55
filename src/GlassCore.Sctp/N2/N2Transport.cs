// TS 38.412 §7: NGAP over SCTP — port 38412, PPID 60, one stream pair for non-UE-associated signalling,
// UE-associated signalling on one stream per UE that does not change while the UE is signalled.
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sctp.N2;

/// <summary>TS 38.412 constants.</summary>
public static class N2Constants
{
    /// <summary>SCTP destination port of the AMF (TS 38.412 §7).</summary>
    public const int SctpPort = 38412;

    /// <summary>NGAP payload protocol identifier (TS 38.412 §7, IANA).</summary>
    public const uint NgapPpid = 60;

    /// <summary>The stream reserved for non-UE-associated signalling.</summary>
    public const ushort NonUeStream = 0;
}

/// <summary>Settings of both N2 ends (AMF listens, gNB connects).</summary>
public sealed record N2Options
{
    /// <summary>AMF side: every address the N2 endpoint binds (one multi-homed SCTP endpoint).</summary>
    public IReadOnlyList<IPEndPoint> ListenAddresses { get; init; } = [new IPEndPoint(IPAddress.Any, N2Constants.SctpPort)];

    /// <summary>gNB side: the AMF to connect to.</summary>
    public IPEndPoint? AmfAddress { get; init; }

    /// <summary>gNB side: optional fixed local address/port.</summary>
    public IPEndPoint? LocalAddress { get; init; }

    /// <summary>gNB side: first wait after a failed attempt or a lost association; doubles each time up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>N2 events buffered before the association pumps stop reading (the owner's mailbox is full).</summary>
    public int EventQueueCapacity { get; init; } = 4096;
}

/// <summary>Something that happened on N2; every event names its association so the owner can keep per-association state.</summary>
public abstract record N2Event(N2Association Association);

/// <summary>An association with a gNB (AMF side) or the AMF (gNB side) is up.</summary>
public sealed record N2AssociationUp(N2Association Association) : N2Event(Association);

/// <summary>One NGAP PDU (opaque bytes) received with PPID 60.</summary>
public sealed record N2MessageReceived(N2Association Association, ushort Stream, ReadOnlyMemory<byte> Pdu) : N2Event(Association)
{
    /// <summary>True for stream 0, the stream of non-UE-associated signalling.</summary>
    public bool IsNonUeAssociated => Stream == N2Constants.NonUeStream;
}

/// <summary>The association ended: the owner releases everything that belonged to it (its UEs, its gNB context).</summary>
public sealed record N2AssociationDown(N2Association Association, SctpCloseReason Reason) : N2Event(Association);

/// <summary>One N2 SCTP association with the TS 38.412 stream rules on top.</summary>
public sealed class N2Association
{
    private static long s_nextId;
    private long _droppedMessages;

    internal N2Association(SctpAssociation sctp)
    {
        Sctp = sctp;
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>Process-unique id; events carry it so owners never need to hold the association itself.</summary>
    public long Id { get; }

    public SctpAssociation Sctp { get; }

    public IPEndPoint RemoteEndPoint => Sctp.RemoteEndPoint;

    /// <summary>Messages dropped because their PPID was not 60.</summary>
    public long DroppedMessages => Interlocked.Read(ref _droppedMessages);

    /// <summary>
    /// The stream for a UE's signalling: one of the agreed streams other than 0, fixed for a given UE key
    /// (e.g. the RAN UE NGAP ID), so that the UE's messages stay in order. Stream 0 when only one was agreed.
    /// </summary>
    public ushort StreamForUe(ulong ueKey)
    {
        ushort streams = Sctp.OutboundStreams;
        return streams <= 1 ? N2Constants.NonUeStream : (ushort)(1 + (ueKey % (ulong)(streams - 1)));
    }

    public ValueTask SendNonUeAsync(ReadOnlyMemory<byte> pdu, CancellationToken cancellationToken = default) =>
        Sctp.SendAsync(pdu, N2Constants.NonUeStream, N2Constants.NgapPpid, cancellationToken);

    public ValueTask SendUeAsync(ulong ueKey, ReadOnlyMemory<byte> pdu, CancellationToken cancellationToken = default) =>
        Sctp.SendAsync(pdu, StreamForUe(ueKey), N2Constants.NgapPpid, cancellationToken);

    /// <summary>Reads until the association ends, turning messages into events; ends with <see cref="N2AssociationDown"/>.</summary>
    internal async Task PumpAsync(ChannelWriter<N2Event> events, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (SctpMessage message in Sctp.Inbound.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Ppid != N2Constants.NgapPpid)
                {
                    // TS 38.412 §7: NGAP is carried with PPID 60; anything else is not NGAP.
                    Interlocked.Increment(ref _droppedMessages);
                    N2Log.WrongPpid(logger, RemoteEndPoint, message.Ppid);
                    continue;
                }
                await events.WriteAsync(new N2MessageReceived(this, message.Stream, message.Payload), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Sctp.Abort();
        }
        SctpCloseReason reason = await Sctp.Closed.ConfigureAwait(false);
        N2Log.AssociationDown(logger, RemoteEndPoint, reason);
        events.TryWrite(new N2AssociationDown(this, reason));
    }
}

internal static partial class N2Log
{
    [LoggerMessage(101, LogLevel.Warning, "N2 peer {Peer} sent PPID {Ppid}, not 60 (NGAP); message dropped")]
    public static partial void WrongPpid(ILogger logger, IPEndPoint peer, uint ppid);

    [LoggerMessage(102, LogLevel.Information, "N2 association with {Peer} is up ({Inbound} in / {Outbound} out streams)")]
    public static partial void AssociationUp(ILogger logger, IPEndPoint peer, ushort inbound, ushort outbound);

    [LoggerMessage(103, LogLevel.Information, "N2 association with {Peer} is down: {Reason}")]
    public static partial void AssociationDown(ILogger logger, IPEndPoint peer, SctpCloseReason reason);

    [LoggerMessage(104, LogLevel.Information, "N2 connect to {Amf} failed; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, IPEndPoint amf, TimeSpan delay);

    [LoggerMessage(105, LogLevel.Information, "N2 endpoint listening on {Addresses}")]
    public static partial void Listening(ILogger logger, string addresses);

    [LoggerMessage(106, LogLevel.Warning, "N2 accept failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);
}
