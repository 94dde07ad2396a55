// TS 29.244 §7.2.2 (PFCP header, Figure 7.2.2.1-1) and §7.2.3 (IEs follow the header).
//
//      Bits 8  7  6  5  4  3  2  1
//  1   Version | Spare | FO | MP | S
//  2   Message Type
//  3-4 Message Length (octets after the first 4)
//  5-12 SEID                      (if S = 1)
//  m..m+2 Sequence Number
//  m+3 Message Priority | Spare   (priority only if MP = 1)
using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>The fixed part of a PFCP message, readable even when the IEs are not (so a request can still be answered).</summary>
public readonly record struct PfcpHeader(byte FlagsOctet, PfcpMessageType MessageType, int MessageLength, ulong Seid, uint SequenceNumber, byte PriorityOctet)
{
    public int Version => FlagsOctet >> 5;

    public bool FollowOn => (FlagsOctet & 0x04) != 0;

    public bool HasPriority => (FlagsOctet & 0x02) != 0;

    public bool HasSeid => (FlagsOctet & 0x01) != 0;

    public int HeaderLength => HasSeid ? 16 : 8;

    /// <summary>Octets of the whole message including the 4 octets before Message Length's count starts.</summary>
    public int TotalLength => MessageLength + 4;

    public static bool TryDecode(ReadOnlySpan<byte> data, out PfcpHeader header, out PfcpDecodeError error)
    {
        header = default;
        if (data.Length < 8)
        {
            error = new PfcpDecodeError(PfcpErrorKind.Header, PfcpCause.InvalidLength, 0, 0, $"{data.Length} octets are too few for a PFCP header");
            return false;
        }
        byte flags = data[0];
        var type = (PfcpMessageType)data[1];
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        bool s = (flags & 1) != 0;
        int headerLength = s ? 16 : 8;
        if (length + 4 < headerLength || length + 4 > data.Length)
        {
            error = new PfcpDecodeError(PfcpErrorKind.Header, PfcpCause.InvalidLength, 0, 2, $"message length {length} does not fit the {data.Length} octets received");
            return false;
        }
        int p = 4;
        ulong seid = 0;
        if (s)
        {
            seid = BinaryPrimitives.ReadUInt64BigEndian(data[4..]);
            p = 12;
        }
        uint seq = (uint)(data[p] << 16 | data[p + 1] << 8 | data[p + 2]);
        header = new PfcpHeader(flags, type, length, seid, seq, data[p + 3]);
        if (flags >> 5 != 1)
        {
            error = new PfcpDecodeError(PfcpErrorKind.VersionNotSupported, PfcpCause.Reserved, 0, 0, $"PFCP version {flags >> 5} is not supported");
            return false;
        }
        error = default;
        return true;
    }
}

/// <summary>A PFCP message: header fields and the IEs in wire order. Typed subclasses name the IEs of each message.</summary>
public class PfcpMessage : PfcpIeContainer
{
    public PfcpMessage(PfcpMessageType messageType)
    {
        MessageType = messageType;
        FlagsOctet = (byte)(0x20 | (PfcpMessageTypes.IsSessionMessage(messageType) ? 1 : 0));
    }

    public PfcpMessageType MessageType { get; }

    /// <summary>Octet 1 as sent: version 1, FO, MP and S flags (spare bits kept as received).</summary>
    public byte FlagsOctet { get; set; }

    public bool HasSeid => (FlagsOctet & 1) != 0;

    /// <summary>The SEID of the receiving side's session (§7.2.2.4.2); 0 in a Session Establishment Request.</summary>
    public ulong Seid { get; set; }

    /// <summary>24-bit sequence number; a response copies the request's (§7.2.2.4.1).</summary>
    public uint SequenceNumber { get; set; }

    /// <summary>The octet after the sequence number: Message Priority in bits 8-5 when MP is set.</summary>
    public byte PriorityOctet { get; set; }

    public string Name => PfcpMessageTypes.Name(MessageType);

    public int EncodedLength => (HasSeid ? 16 : 8) + IesLength;

    public bool TryEncode(Span<byte> destination, out int written)
    {
        int total = EncodedLength;
        written = 0;
        if (destination.Length < total)
        {
            return false;
        }
        if (total - 4 > ushort.MaxValue)
        {
            throw new InvalidOperationException($"{Name} is longer than the 16-bit Message Length allows");
        }
        if (SequenceNumber > 0xFFFFFF)
        {
            throw new InvalidOperationException($"sequence number {SequenceNumber} does not fit 24 bits");
        }
        destination[0] = FlagsOctet;
        destination[1] = (byte)MessageType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(total - 4));
        int p = 4;
        if (HasSeid)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[4..], Seid);
            p = 12;
        }
        destination[p] = (byte)(SequenceNumber >> 16);
        destination[p + 1] = (byte)(SequenceNumber >> 8);
        destination[p + 2] = (byte)SequenceNumber;
        destination[p + 3] = PriorityOctet;
        WriteIes(destination[(p + 4)..total]);
        written = total;
        return true;
    }

    public void Encode(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> span = writer.GetSpan(EncodedLength);
        TryEncode(span, out int written);
        writer.Advance(written);
    }

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        TryEncode(bytes, out _);
        return bytes;
    }

    /// <summary>Decodes one message from the start of <paramref name="data"/>; <paramref name="consumed"/> says where a follow-on message (FO) starts.</summary>
    /// <param name="checkMandatory">False only for tools that show what arrived: then absent mandatory IEs are not an error.</param>
    public static bool TryDecode(ReadOnlySpan<byte> data, out PfcpMessage message, out int consumed, out PfcpDecodeError error, bool checkMandatory = true)
    {
        message = null!;
        consumed = 0;
        if (!PfcpHeader.TryDecode(data, out PfcpHeader header, out error))
        {
            return false;
        }
        return TryDecodeBody(header, data[..header.TotalLength], checkMandatory, out message, out consumed, out error);
    }

    /// <summary>Decodes one complete message (header and IEs) and rejects trailing octets.</summary>
    public static bool TryDecodeExact(ReadOnlySpan<byte> data, out PfcpMessage message, out PfcpDecodeError error, bool checkMandatory = true)
    {
        if (!TryDecode(data, out message, out int consumed, out error, checkMandatory))
        {
            return false;
        }
        if (consumed != data.Length)
        {
            error = new PfcpDecodeError(PfcpErrorKind.Header, PfcpCause.InvalidLength, 0, consumed, $"{data.Length - consumed} octets after the message");
            return false;
        }
        return true;
    }

    internal static bool TryDecodeBody(PfcpHeader header, ReadOnlySpan<byte> data, bool checkMandatory, out PfcpMessage message, out int consumed, out PfcpDecodeError error)
    {
        message = Create(header.MessageType);
        message.FlagsOctet = header.FlagsOctet;
        message.Seid = header.Seid;
        message.SequenceNumber = header.SequenceNumber;
        message.PriorityOctet = header.PriorityOctet;
        consumed = header.TotalLength;
        return message.TryDecodeIes(data[header.HeaderLength..header.TotalLength], header.HeaderLength, 0, checkMandatory, out error);
    }

    public static PfcpMessage Create(PfcpMessageType type) => type switch
    {
        PfcpMessageType.HeartbeatRequest => new HeartbeatRequest(),
        PfcpMessageType.HeartbeatResponse => new HeartbeatResponse(),
        PfcpMessageType.PfdManagementRequest => new PfdManagementRequest(),
        PfcpMessageType.PfdManagementResponse => new PfdManagementResponse(),
        PfcpMessageType.AssociationSetupRequest => new AssociationSetupRequest(),
        PfcpMessageType.AssociationSetupResponse => new AssociationSetupResponse(),
        PfcpMessageType.AssociationUpdateRequest => new AssociationUpdateRequest(),
        PfcpMessageType.AssociationUpdateResponse => new AssociationUpdateResponse(),
        PfcpMessageType.AssociationReleaseRequest => new AssociationReleaseRequest(),
        PfcpMessageType.AssociationReleaseResponse => new AssociationReleaseResponse(),
        PfcpMessageType.NodeReportRequest => new NodeReportRequest(),
        PfcpMessageType.NodeReportResponse => new NodeReportResponse(),
        PfcpMessageType.SessionEstablishmentRequest => new SessionEstablishmentRequest(),
        PfcpMessageType.SessionEstablishmentResponse => new SessionEstablishmentResponse(),
        PfcpMessageType.SessionModificationRequest => new SessionModificationRequest(),
        PfcpMessageType.SessionModificationResponse => new SessionModificationResponse(),
        PfcpMessageType.SessionDeletionRequest => new SessionDeletionRequest(),
        PfcpMessageType.SessionDeletionResponse => new SessionDeletionResponse(),
        PfcpMessageType.SessionReportRequest => new SessionReportRequest(),
        PfcpMessageType.SessionReportResponse => new SessionReportResponse(),
        _ => new PfcpMessage(type),
    };

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("messageType", (byte)MessageType);
        writer.WriteString("messageName", Name);
        writer.WriteNumber("version", FlagsOctet >> 5);
        if (HasSeid)
        {
            writer.WriteString("seid", $"0x{Seid:x16}");
        }
        writer.WriteNumber("sequenceNumber", SequenceNumber);
        if ((FlagsOctet & 2) != 0)
        {
            writer.WriteNumber("messagePriority", PriorityOctet >> 4);
        }
        WriteIesJson(writer);
    }
}
