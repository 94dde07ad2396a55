// TS 38.413 §10.3.4-10.3.6 on captured messages modified the ways §10.3 names: a missing mandatory IE, a duplicated IE,
// IEs in wrong order, IEs not comprehended with each criticality, a procedure code not comprehended.
using System.Text.Json;
using GlassCore.Asn1;
using GlassCore.TestSupport;

namespace GlassCore.Ngap.Tests;

public sealed class NgapMessageChecksTests
{
    private static readonly Lazy<List<(string Name, byte[] Bytes, bool Malformed)>> s_hex = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        return doc.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("protocol").GetString() == "ngap")
            .Select(e => (e.GetProperty("name").GetString()!, Convert.FromHexString(e.GetProperty("hex").GetString()!), e.GetProperty("tshark_status").GetString() != "ok"))
            .ToList();
    });

    private static NgapPdu Captured(string namePrefix)
    {
        var (name, bytes, _) = s_hex.Value.First(e => e.Name.StartsWith(namePrefix, StringComparison.Ordinal) && !e.Malformed);
        Assert.True(Per.TryDecode<NgapPdu>(bytes, out var pdu, out var error), $"{name}: {error}");
        return pdu;
    }

    /// <summary>The message modified, then sent through the codec as a peer would send it.</summary>
    private static NgapMessageCheckResult CheckOnTheWire(NgapPdu pdu)
    {
        byte[] bytes = Per.Encode(pdu);
        Assert.True(Per.TryDecode<NgapPdu>(bytes, out var received, out var error), error.ToString());
        return NgapMessageChecks.Check(received);
    }

    private static (NgapPdu Pdu, NgSetupRequest Request) NgSetup()
    {
        var pdu = Captured("NGSetupRequest (RANNodeName '5G gNB-CU'");
        var request = ((InitiatingMessageValue.NgSetup)((NgapPdu.InitiatingMessage)pdu).Value.Value).Value;
        return (pdu, request);
    }

    [Fact]
    public void HexMessages_EveryWellFormedNgapEntry_PassesTheChecks_ExceptTheKnownDeviations()
    {
        int checkedCount = 0;
        var deviations = new List<string>();
        foreach (var (name, bytes, malformed) in s_hex.Value)
        {
            if (malformed || !Per.TryDecodePrefix<NgapPdu>(bytes, out var pdu, out _, out _))
            {
                continue;
            }
            checkedCount++;
            var result = NgapMessageChecks.Check(pdu);
            var tolerant = NgapMessageChecks.Check(pdu, tolerateOrderAndRepeats: true);
            if (result.Issues.Count == 0)
            {
                Assert.Equal((NgapErrorAction.Proceed, NgapErrorReport.None), (result.Action, result.Report));
                continue;
            }
            deviations.Add(name);
            switch (name)
            {
                case "AMFConfigurationUpdateAcknowledge":
                    // Open5GS's test builder adds AMF/RAN UE NGAP IDs (10, 85), which this message's object set does
                    // not list, with criticality ignore: §10.3.4.2 ignores them and the procedure goes on.
                    Assert.Equal(
                        [new(10, Criticality.Ignore, ProtocolIeIssueKind.NotUnderstood), new(85, Criticality.Ignore, ProtocolIeIssueKind.NotUnderstood)],
                        result.Issues);
                    Assert.Equal(NgapErrorAction.Proceed, result.Action);
                    break;
                case "InitialContextSetupRequest":
                    // OAI's AMF puts Allowed NSSAI (0) after NAS-PDU (38); the object set lists it before.
                    Assert.Equal([new(0, Criticality.Reject, ProtocolIeIssueKind.WrongOrder)], result.Issues);
                    Assert.Equal((NgapErrorAction.Reject, NgapErrorReport.FailureMessage), (result.Action, result.Report));
                    Assert.Equal(NgapErrorAction.Proceed, tolerant.Action);
                    break;
                case "HandoverNotify":
                    // The UERANSIM-fork gNB sends User Location Information (121) twice.
                    Assert.Equal([new(121, Criticality.Ignore, ProtocolIeIssueKind.TooManyOccurrences)], result.Issues);
                    Assert.Equal((NgapErrorAction.Reject, NgapErrorReport.ErrorIndication), (result.Action, result.Report));
                    Assert.Equal(CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage, Assert.IsType<Cause.Protocol>(result.Cause).Value);
                    Assert.Equal(NgapErrorAction.Proceed, tolerant.Action);
                    break;
                default:
                    Assert.Fail($"{name}: {string.Join(", ", result.Issues)}");
                    break;
            }
        }
        Assert.Equal(["AMFConfigurationUpdateAcknowledge", "HandoverNotify", "InitialContextSetupRequest"], deviations.Order(StringComparer.Ordinal));
        Assert.True(checkedCount >= 100, $"only {checkedCount} entries checked");
    }

    [Fact]
    public void NgSetupRequest_MissingMandatoryRejectIe_RejectedInTheFailureWithDiagnostics()
    {
        var (pdu, request) = NgSetup();
        request.ProtocolIEs = [.. request.ProtocolIEs.Where(f => f.Id != NgapConstants.IdGlobalRanNodeId)];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(NgapErrorAction.Reject, result.Action);
        Assert.Equal(NgapErrorReport.FailureMessage, result.Report);
        Assert.Equal(CauseProtocol.AbstractSyntaxErrorReject, Assert.IsType<Cause.Protocol>(result.Cause).Value);
        Assert.Equal(new ProtocolIeIssue<Criticality>(27, Criticality.Reject, ProtocolIeIssueKind.Missing), Assert.Single(result.Issues));
        var d = result.Diagnostics();
        Assert.Equal(21, d.ProcedureCode);
        Assert.Equal(TriggeringMessage.InitiatingMessage, d.TriggeringMessage);
        Assert.Equal(Criticality.Reject, d.ProcedureCriticality);
        var item = Assert.Single(d.IEsCriticalityDiagnostics!);
        Assert.Equal((Criticality.Reject, 27L, TypeOfError.Missing), (item.IeCriticality, item.IeId, item.TypeOfError));
        // The AMF's answer: NGSetupFailure (§9.2.6.3) with the cause and the diagnostics; it must encode.
        var failure = new NgapPdu.UnsuccessfulOutcome
        {
            Value = new UnsuccessfulOutcome
            {
                ProcedureCode = 21,
                Criticality = Criticality.Reject,
                Value = new UnsuccessfulOutcomeValue.NgSetup
                {
                    Value = new NgSetupFailure
                    {
                        ProtocolIEs =
                        [
                            new() { Id = 15, Criticality = Criticality.Ignore, Value = new NgSetupFailureIEsProtocolIeFieldValue.Cause { Value = result.Cause! } },
                            new() { Id = 19, Criticality = Criticality.Ignore, Value = new NgSetupFailureIEsProtocolIeFieldValue.CriticalityDiagnostics { Value = d } },
                        ],
                    },
                },
            },
        };
        Assert.Equal(NgapErrorAction.Proceed, CheckOnTheWire(failure).Action);
    }

    [Fact]
    public void NgSetupRequest_MissingMandatoryIgnoreIe_Proceeds()
    {
        var (pdu, request) = NgSetup();
        request.ProtocolIEs = [.. request.ProtocolIEs.Where(f => f.Id != 21)];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(new ProtocolIeIssue<Criticality>(21, Criticality.Ignore, ProtocolIeIssueKind.Missing), Assert.Single(result.Issues));
        Assert.Equal(NgapErrorAction.Proceed, result.Action);
        Assert.Null(result.Diagnostics().IEsCriticalityDiagnostics);
    }

    [Fact]
    public void NgSetupRequest_DuplicatedIe_FalselyConstructed()
    {
        var (pdu, request) = NgSetup();
        request.ProtocolIEs = [.. request.ProtocolIEs, request.ProtocolIEs.First(f => f.Id == 102)];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(new ProtocolIeIssue<Criticality>(102, Criticality.Reject, ProtocolIeIssueKind.TooManyOccurrences), Assert.Single(result.Issues));
        Assert.Equal(NgapErrorAction.Reject, result.Action);
        Assert.Equal(NgapErrorReport.FailureMessage, result.Report);
        Assert.Equal(CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage, Assert.IsType<Cause.Protocol>(result.Cause).Value);
    }

    [Fact]
    public void NgSetupRequest_IesInWrongOrder_FalselyConstructed()
    {
        var (pdu, request) = NgSetup();
        // The object set lists GlobalRANNodeID (27) first; moving it last puts it behind later IEs.
        var global = request.ProtocolIEs.First(f => f.Id == 27);
        request.ProtocolIEs = [.. request.ProtocolIEs.Where(f => f != global), global];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(new ProtocolIeIssue<Criticality>(27, Criticality.Reject, ProtocolIeIssueKind.WrongOrder), Assert.Single(result.Issues));
        Assert.Equal(NgapErrorAction.Reject, result.Action);
        Assert.Equal(CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage, Assert.IsType<Cause.Protocol>(result.Cause).Value);
    }

    [Theory]
    [InlineData(Criticality.Reject, NgapErrorAction.Reject, NgapErrorReport.FailureMessage, CauseProtocol.AbstractSyntaxErrorReject)]
    [InlineData(Criticality.Notify, NgapErrorAction.ProceedAndNotify, NgapErrorReport.ResponseMessage, CauseProtocol.AbstractSyntaxErrorIgnoreAndNotify)]
    [InlineData(Criticality.Ignore, NgapErrorAction.Proceed, NgapErrorReport.None, null)]
    public void NgSetupRequest_UnknownIe_HandledByItsCriticality(Criticality criticality, NgapErrorAction action, NgapErrorReport report, CauseProtocol? cause)
    {
        var (pdu, request) = NgSetup();
        request.ProtocolIEs = [request.ProtocolIEs[0], new NgSetupRequestIEsProtocolIeField { Id = 60000, Criticality = criticality, Value = new NgSetupRequestIEsProtocolIeFieldValue.Unknown { Id = 60000, Encoded = [0x12, 0x34] } }, .. request.ProtocolIEs[1..]];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(new ProtocolIeIssue<Criticality>(60000, criticality, ProtocolIeIssueKind.NotUnderstood), Assert.Single(result.Issues));
        Assert.Equal(action, result.Action);
        Assert.Equal(report, result.Report);
        Assert.Equal(cause, (result.Cause as Cause.Protocol)?.Value);
        var diagnosed = result.Diagnostics().IEsCriticalityDiagnostics;
        if (criticality == Criticality.Ignore)
        {
            Assert.Null(diagnosed);
        }
        else
        {
            var item = Assert.Single(diagnosed!);
            Assert.Equal((criticality, 60000L, TypeOfError.NotUnderstood), (item.IeCriticality, item.IeId, item.TypeOfError));
        }
    }

    [Fact]
    public void InitialUeMessage_Class2_MissingRejectIeAndNotifyIe_ErrorIndication()
    {
        var pdu = Captured("InitialUEMessage / Registration request");
        var message = ((InitiatingMessageValue.InitialUeMessage)((NgapPdu.InitiatingMessage)pdu).Value.Value).Value;
        message.ProtocolIEs = [.. message.ProtocolIEs.Where(f => f.Id != 38)];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(new ProtocolIeIssue<Criticality>(38, Criticality.Reject, ProtocolIeIssueKind.Missing), Assert.Single(result.Issues));
        Assert.Equal(NgapErrorAction.Reject, result.Action);
        Assert.Equal(NgapErrorReport.ErrorIndication, result.Report);
        // The Error Indication the AMF sends: it must encode and pass the checks itself.
        var ei = NgapErrorIndication.Build(null, 1, result.Cause, result.Diagnostics());
        Assert.Equal(NgapErrorAction.Proceed, CheckOnTheWire(ei).Action);

        pdu = Captured("InitialUEMessage / Registration request");
        message = ((InitiatingMessageValue.InitialUeMessage)((NgapPdu.InitiatingMessage)pdu).Value.Value).Value;
        message.ProtocolIEs = [.. message.ProtocolIEs, new InitialUeMessageIEsProtocolIeField { Id = 65535, Criticality = Criticality.Notify, Value = new InitialUeMessageIEsProtocolIeFieldValue.Unknown { Id = 65535, Encoded = [0] } }];
        result = CheckOnTheWire(pdu);
        Assert.Equal(NgapErrorAction.ProceedAndNotify, result.Action);
        Assert.Equal(NgapErrorReport.ErrorIndication, result.Report);
    }

    [Fact]
    public void Response_UnknownRejectIe_LocalErrorHandling()
    {
        var pdu = Captured("AMFConfigurationUpdateAcknowledge");
        var ack = ((SuccessfulOutcomeValue.AmfConfigurationUpdate)((NgapPdu.SuccessfulOutcome)pdu).Value.Value).Value;
        Assert.Equal(NgapErrorAction.Proceed, NgapMessageChecks.Check(pdu).Action);
        ack.ProtocolIEs = [.. ack.ProtocolIEs, new AmfConfigurationUpdateAcknowledgeIEsProtocolIeField { Id = 4000, Criticality = Criticality.Reject, Value = new AmfConfigurationUpdateAcknowledgeIEsProtocolIeFieldValue.Unknown { Id = 4000, Encoded = [1] } }];
        var result = CheckOnTheWire(pdu);
        Assert.Equal(NgapMessageType.SuccessfulOutcome, result.MessageType);
        Assert.Equal(NgapErrorAction.Reject, result.Action);
        Assert.Equal(NgapErrorReport.LocalErrorHandling, result.Report);
        Assert.Equal(TriggeringMessage.SuccessfulOutcome, result.Diagnostics().TriggeringMessage);
    }

    [Theory]
    [InlineData(Criticality.Reject, NgapErrorReport.ErrorIndication)]
    [InlineData(Criticality.Notify, NgapErrorReport.ErrorIndication)]
    [InlineData(Criticality.Ignore, NgapErrorReport.None)]
    public void UnknownProcedureCode_HandledByTheProcedureCriticality(Criticality criticality, NgapErrorReport report)
    {
        var pdu = new NgapPdu.InitiatingMessage
        {
            Value = new InitiatingMessage { ProcedureCode = 200, Criticality = criticality, Value = new InitiatingMessageValue.Unknown { Id = 200, Encoded = [0x00, 0x00, 0x00] } },
        };
        var result = CheckOnTheWire(pdu);
        Assert.False(result.ProcedureUnderstood);
        Assert.Equal(NgapErrorAction.Reject, result.Action);
        Assert.Equal(report, result.Report);
        var d = result.Diagnostics();
        Assert.Equal((200, TriggeringMessage.InitiatingMessage, criticality), (d.ProcedureCode, d.TriggeringMessage, d.ProcedureCriticality));
    }
}
