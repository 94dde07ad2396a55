// Nsmf_PDUSession end to end through HTTP/2 (TS 29.502 §5.2.2): establishment for IPv4, IPv6 and IPv4v6 with the
// accept contents of TS 24.501 §8.3.2, the N4 rules installed on the UPF (TS 29.244 §7.5.2), the N2 SM information
// (TS 38.413 §9.3.4.1), the DL tunnel from the gNB, release by the AMF, the UE and the network.
using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using GlassCore.Asn1;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Ngap;
using GlassCore.Pfcp;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf.Gsm;
using GlassCore.Smf.N2;
using GlassCore.TestSupport;

namespace GlassCore.Smf.Tests;

public sealed class PduSessionTests
{
    private const string Nsmf = "TS29502_Nsmf_PDUSession.yaml";
    private const string Namf = "TS29518_Namf_Communication.yaml";

    internal static T Nas<T>(byte[]? bytes) where T : NasMessage
    {
        Assert.NotNull(bytes);
        Assert.True(NasMessage.TryDecode(bytes, out NasMessage? m, out NasError e), e.ToString());
        return Assert.IsType<T>(m);
    }

    internal static byte[] SetupResponseTransfer(IPAddress gnb, uint teid, byte qfi = 1)
    {
        byte[] t = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(t, teid);
        var transfer = new PduSessionResourceSetupResponseTransfer
        {
            DlQosFlowPerTnlInformation = new QosFlowPerTnlInformation
            {
                UpTransportLayerInformation = N2SmInfo.Tunnel(new GtpTunnelEndpoint(gnb, teid)),
                AssociatedQosFlowList = [new AssociatedQosFlowItem { QosFlowIdentifier = qfi }],
            },
        };
        return Per.Encode(transfer);
    }

    /// <summary>Creates a session and answers its N2 setup request as the gNB would; returns the Location and the transfer.</summary>
    internal static async Task<(string Location, Transfer Transfer)> EstablishAsync(SmfHarness h, byte psi, byte type = 1, string dnn = "internet", string? sd = null)
    {
        SbiReply created = await h.CreateAsync(SmfHarness.CreateData(psi, dnn, sd: sd), SmfHarness.EstablishmentRequest(psi, 7, type));
        Assert.True(created.Status == HttpStatusCode.Created, created.Json);
        Transfer t = await h.Amf.NextAsync();
        return (created.Location!, t);
    }

    [Fact]
    public async Task CreateSmContext_Ipv4_AcceptN2SetupAndN4RulesAreRight()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        SbiReply created = await h.CreateAsync(SmfHarness.CreateData(5), SmfHarness.EstablishmentRequest(5, 7));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        OpenApiSchemas.AssertValid(created.Json, Nsmf, "SmContextCreatedData");
        Assert.StartsWith("/nsmf-pdusession/v1/sm-contexts/", created.Location, StringComparison.Ordinal);

        // N1N2MessageTransfer: the accept and the N2 setup request, as TS 29.518 describes the body.
        Transfer t = await h.Amf.NextAsync();
        Assert.Equal(SmfHarness.Supi, t.Supi);
        OpenApiSchemas.AssertValid(t.Json, Namf, "N1N2MessageTransferReqData");
        Assert.Equal("SM", t.Data.N1MessageContainer!.N1MessageClass);
        Assert.Equal("PDU_RES_SETUP_REQ", t.Data.N2InfoContainer!.SmInfo!.N2InfoContent!.NgapIeType);
        Assert.Equal(SbiMultipart.NasMediaType, t.Parts.Single(p => p.ContentId == t.Data.N1MessageContainer.N1MessageContent.ContentId).ContentType);

        var accept = Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer.N1MessageContent));
        Assert.Equal(5, accept.PduSessionId);
        Assert.Equal(7, accept.ProcedureTransactionId);
        Assert.Equal(PduSessionTypeValues.Ipv4, accept.SelectedPduSessionType.Value);
        Assert.Equal(1, accept.SelectedSscMode.Value);
        IPAddress ue = accept.PduAddress!.Value.Ipv4Address!;
        Assert.Equal("10.45.0.2", ue.ToString());
        QosRule rule = Assert.Single(accept.AuthorizedQosRules.ToArray());
        Assert.True(rule.DefaultQosRule);
        Assert.Equal((byte)1, rule.Qfi);
        PacketFilter filter = Assert.Single(rule.PacketFilters);
        Assert.Equal(3, filter.Direction);
        Assert.Equal(new byte[] { 0x01 }, filter.Contents.ToArray());
        // The PCF's policy for internet/SST 1 (100/300 Mbps, 5QI 8) overrides the subscribed 200/400 Mbps and 5QI 9.
        Assert.Equal(100_000_000UL, accept.SessionAmbr.UplinkBitsPerSecond);
        Assert.Equal(300_000_000UL, accept.SessionAmbr.DownlinkBitsPerSecond);
        Assert.Equal(8, accept.AuthorizedQosFlowDescriptions!.Value.ToArray().Single().Parameters.Single(p => p.Identifier == 1).Contents.Span[0]);
        Assert.Equal("internet", accept.Dnn!.Value.ToString());
        Assert.Equal(1, accept.SNssai!.Value.Get().Sst);
        Assert.Null(accept.Cause);
        PcoContainer[] pco = accept.ExtendedProtocolConfigurationOptions!.Value.Containers();
        Assert.Equal("10.0.0.53", new IPAddress(pco.Single(c => c.Identifier == PcoContainer.DnsServerIpv4Address).Contents.Span).ToString());
        Assert.DoesNotContain(pco, c => c.Identifier == PcoContainer.DnsServerIpv6Address);
        Assert.Equal((ushort)1400, accept.ExtendedProtocolConfigurationOptions!.Value.Ipv4LinkMtu);

        // The N4 rules on the UPF.
        SessionEstablishmentRequest est = Assert.Single(h.Upf.Received<SessionEstablishmentRequest>());
        CreatePdr ul = est.CreatePdrs.Single(p => p.PdrId!.RuleId == 1);
        Assert.Equal(InterfaceValue.Access, ul.Pdi!.SourceInterface!.Value);
        Assert.True(ul.Pdi.LocalFTeid!.Choose);
        Assert.Equal(ue, ul.Pdi.UeIpAddresses.Single().IPv4);
        Assert.False(ul.Pdi.UeIpAddresses.Single().IsDestination);
        Assert.NotNull(ul.OuterHeaderRemoval);
        CreatePdr dl = est.CreatePdrs.Single(p => p.PdrId!.RuleId == 2);
        Assert.Equal(InterfaceValue.Core, dl.Pdi!.SourceInterface!.Value);
        Assert.Equal(ue, dl.Pdi.UeIpAddresses.Single().IPv4);
        Assert.True(dl.Pdi.UeIpAddresses.Single().IsDestination);
        CreateFar ulFar = est.CreateFars.Single(f => f.FarId!.Value == ul.FarId!.Value);
        Assert.True(ulFar.ApplyAction!.Forward);
        Assert.Equal(InterfaceValue.Core, ulFar.ForwardingParameters!.DestinationInterface!.Value);
        CreateFar dlFar = est.CreateFars.Single(f => f.FarId!.Value == dl.FarId!.Value);
        Assert.True(dlFar.ApplyAction!.Buffer);
        CreateQer qer = Assert.Single(est.CreateQers);
        Assert.Equal(100_000UL, qer.Mbr!.UplinkKbps);
        Assert.Equal(300_000UL, qer.Mbr.DownlinkKbps);
        Assert.Equal(1, qer.Qfi!.Value);
        Assert.Single(est.CreateUrrs);
        Assert.Equal(1, est.PdnType!.Value);

        // The N2 setup request transfer carries the UL tunnel the UPF chose.
        byte[] n2 = t.Part(t.Data.N2InfoContainer.SmInfo.N2InfoContent.NgapData)!;
        Assert.True(Per.TryDecode<PduSessionResourceSetupRequestTransfer>(n2, out var setup, out var err), err.ToString());
        var tunnel = setup.ProtocolIEs.Select(f => f.Value).OfType<PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation>().Single().Value;
        Assert.True(N2SmInfo.TryReadTunnel(tunnel, out GtpTunnelEndpoint ulTunnel, out _));
        Assert.Equal(FakeUpf.N3Address, ulTunnel.Address);
        Assert.Equal(0x101u, ulTunnel.Teid);
        Assert.Equal(PduSessionType.Ipv4, setup.ProtocolIEs.Select(f => f.Value).OfType<PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType>().Single().Value);
        var flows = setup.ProtocolIEs.Select(f => f.Value).OfType<PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.QosFlowSetupRequestList>().Single().Value;
        Assert.Equal(1, Assert.Single(flows).QosFlowIdentifier);

        // The gNB's DL tunnel → N4 modification of the DL FAR.
        SbiReply updated = await h.UpdateAsync(created.Location!, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, SetupResponseTransfer(IPAddress.Parse("10.9.9.9"), 0xABCDEF)));
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        OpenApiSchemas.AssertValid(updated.Json, Nsmf, "SmContextUpdatedData");
        Assert.Contains("\"ACTIVATED\"", updated.Json, StringComparison.Ordinal);
        SessionModificationRequest mod = Assert.Single(h.Upf.Received<SessionModificationRequest>());
        UpdateFar far = Assert.Single(mod.UpdateFars);
        Assert.Equal(2u, far.FarId!.Value);
        Assert.True(far.ApplyAction!.Forward);
        OuterHeaderCreation ohc = far.UpdateForwardingParameters!.OuterHeaderCreation!;
        Assert.Equal(0xABCDEFu, ohc.Teid);
        Assert.Equal(IPAddress.Parse("10.9.9.9"), ohc.IPv4);
        Assert.Equal(h.Upf.Sessions.Keys.Single(), mod.Seid);

        // Release by the AMF: the N4 session goes, its final usage is kept for charging, the address returns.
        SbiReply released = await h.ReleaseAsync(created.Location!);
        Assert.Equal(HttpStatusCode.NoContent, released.Status);
        Assert.Single(h.Upf.Received<SessionDeletionRequest>());
        Assert.Empty(h.Upf.Sessions);
        ChargingRecord rec = Assert.Single(h.Smf.ChargingRecords);
        Assert.Equal((1000UL, 2000UL, 42u), (rec.UplinkOctets, rec.DownlinkOctets, rec.DurationSeconds));
        Assert.Equal(0, h.Smf.Count);
        Assert.Equal(0, h.Pcf.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await h.ReleaseAsync(created.Location!)).Status);
    }

    [Fact]
    public async Task CreateSmContext_Ipv6_InterfaceIdentifierAndPrefixOnTheUpf()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (_, Transfer t) = await EstablishAsync(h, 6, PduSessionTypeValues.Ipv6);
        var accept = Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
        Assert.Equal(PduSessionTypeValues.Ipv6, accept.SelectedPduSessionType.Value);
        Assert.Equal(PduSessionTypeValues.Ipv6, accept.PduAddress!.Value.PduSessionType);
        Assert.Equal(8, accept.PduAddress.Value.Ipv6InterfaceIdentifier.Length);
        Assert.NotEqual(0UL, BinaryPrimitives.ReadUInt64BigEndian(accept.PduAddress.Value.Ipv6InterfaceIdentifier.Span));
        Assert.Null(accept.PduAddress.Value.Ipv4Address);
        PcoContainer[] pco = accept.ExtendedProtocolConfigurationOptions!.Value.Containers();
        Assert.Equal("2001:db8::53", new IPAddress(pco.Single(c => c.Identifier == PcoContainer.DnsServerIpv6Address).Contents.Span).ToString());
        Assert.DoesNotContain(pco, c => c.Identifier == PcoContainer.DnsServerIpv4Address);
        SessionEstablishmentRequest est = Assert.Single(h.Upf.Received<SessionEstablishmentRequest>());
        UeIpAddress ue = est.CreatePdrs.Single(p => p.PdrId!.RuleId == 2).Pdi!.UeIpAddresses.Single();
        Assert.Null(ue.IPv4);
        Assert.Equal(IPAddress.Parse("2001:db8:45:1::"), ue.IPv6);
        Assert.Equal(2, est.PdnType!.Value);
    }

    [Fact]
    public async Task CreateSmContext_Ipv4v6_BothAddresses()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (_, Transfer t) = await EstablishAsync(h, 1, PduSessionTypeValues.Ipv4v6);
        var accept = Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
        Assert.Equal(PduSessionTypeValues.Ipv4v6, accept.SelectedPduSessionType.Value);
        Assert.Equal("10.45.0.2", accept.PduAddress!.Value.Ipv4Address!.ToString());
        Assert.Equal(8, accept.PduAddress.Value.Ipv6InterfaceIdentifier.Length);
        UeIpAddress ue = Assert.Single(h.Upf.Received<SessionEstablishmentRequest>()).CreatePdrs.Single(p => p.PdrId!.RuleId == 1).Pdi!.UeIpAddresses.Single();
        Assert.Equal(IPAddress.Parse("10.45.0.2"), ue.IPv4);
        Assert.Equal(IPAddress.Parse("2001:db8:45:1::"), ue.IPv6);
    }

    [Fact]
    public async Task CreateSmContext_Ipv4v6WhereOnlyIpv4IsPooled_AcceptsIpv4WithCause50()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        h.Udm.Data[SmfHarness.Supi] = [FakeUdm.Slice(1, "010203", "ims", "internet")];
        (_, Transfer t) = await EstablishAsync(h, 2, PduSessionTypeValues.Ipv4v6, sd: "010203");
        var accept = Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
        Assert.Equal(PduSessionTypeValues.Ipv4, accept.SelectedPduSessionType.Value);
        Assert.Equal(FiveGsmCauses.PduSessionTypeIpv4OnlyAllowed, accept.Cause!.Value.Octet);
        Assert.Equal("10.46.0.2", accept.PduAddress!.Value.Ipv4Address!.ToString());
        // No PCF policy for this slice: the subscribed 200/400 Mbps apply.
        Assert.Equal(200_000_000UL, accept.SessionAmbr.UplinkBitsPerSecond);
    }

    [Fact]
    public async Task UeRequestedRelease_ReleaseCommandThenCompleteAndN2Response_DeletesTheN4Session()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 3);
        await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, SetupResponseTransfer(IPAddress.Parse("10.9.9.9"), 7)));

        byte[] releaseRequest = new PduSessionReleaseRequest { PduSessionId = 3, ProcedureTransactionId = 9 }.ToArray();
        SbiReply r = await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, releaseRequest));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        OpenApiSchemas.AssertValid(r.Json, Nsmf, "SmContextUpdatedData");
        var command = Nas<PduSessionReleaseCommand>(r.Part("n1msg"));
        Assert.Equal(FiveGsmCauses.RegularDeactivation, command.Cause.Octet);
        Assert.Equal(9, command.ProcedureTransactionId);
        Assert.Contains("PDU_RES_REL_CMD", r.Json, StringComparison.Ordinal);
        Assert.True(Per.TryDecode<PduSessionResourceReleaseCommandTransfer>(r.Part("n2msg")!, out var rel, out _));
        Assert.IsType<GlassCore.Ngap.Cause.Nas>(rel.Cause);
        Assert.Empty(h.Upf.Received<SessionDeletionRequest>());

        byte[] complete = new PduSessionReleaseComplete { PduSessionId = 3, ProcedureTransactionId = 9 }.ToArray();
        Assert.Equal(HttpStatusCode.NoContent, (await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, complete))).Status);
        Assert.Empty(h.Upf.Received<SessionDeletionRequest>());
        Assert.Equal(HttpStatusCode.NoContent, (await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_REL_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, [0x00]))).Status);
        Assert.Single(h.Upf.Received<SessionDeletionRequest>());
        Assert.Equal(0, h.Smf.Count);
    }

    [Fact]
    public async Task NetworkRequestedRelease_ReleaseCommandThroughN1N2Transfer()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 4);
        string reference = location.Split('/')[^1];
        // The RAN could not set the session up (TS 23.502 §4.3.2.2.1 step 15): it has no resources to release.
        Assert.Equal(HttpStatusCode.OK, (await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_FAIL" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, [0x00]))).Status);
        var r = await h.Smf.ReleaseNetworkRequestedAsync(reference, FiveGsmCauses.RegularDeactivation, TestContext.Current.CancellationToken);
        Assert.True(r.IsOk);
        Transfer t = await h.Amf.NextAsync();
        OpenApiSchemas.AssertValid(t.Json, Namf, "N1N2MessageTransferReqData");
        var command = Nas<PduSessionReleaseCommand>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
        Assert.Equal(FiveGsmCauses.RegularDeactivation, command.Cause.Octet);
        // The user plane was never set up in the RAN, so no N2 release is expected: the UE's complete ends it.
        Assert.Null(t.Data.N2InfoContainer);
        await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, new PduSessionReleaseComplete { PduSessionId = 4, ProcedureTransactionId = 0 }.ToArray()));
        Assert.Single(h.Upf.Received<SessionDeletionRequest>());
        // TS 23.502 §4.3.4.2 step 11: the AMF learns the context is gone through its smContextStatusUri.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var (uri, notification) = await h.Amf.StatusNotifications.Reader.ReadAsync(cts.Token);
        Assert.Equal(SmfHarness.StatusUri(4), uri);
        Assert.Equal("RELEASED", notification.StatusInfo.ResourceStatus);
        OpenApiSchemas.AssertValid(JsonSerializer.Serialize(notification, SessionJsonContext.Default.SmContextStatusNotification), Nsmf, "SmContextStatusNotification");
    }

    [Fact]
    public async Task NetworkRequestedRelease_WhileTheRanSetupIsOutstanding_ReleasesTheRanResourcesToo()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 5);
        string reference = location.Split('/')[^1];
        // The setup request is on its way to the gNB (no response yet): the release command must reach the RAN as well.
        Assert.True((await h.Smf.ReleaseNetworkRequestedAsync(reference, FiveGsmCauses.RegularDeactivation, TestContext.Current.CancellationToken)).IsOk);
        Transfer t = await h.Amf.NextAsync();
        Assert.Equal("PDU_RES_REL_CMD", t.Data.N2InfoContainer?.SmInfo?.N2InfoContent?.NgapIeType);
        // The setup response that was already under way does not end the release.
        await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, SetupResponseTransfer(IPAddress.Parse("10.9.9.9"), 7)));
        await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, new PduSessionReleaseComplete { PduSessionId = 5, ProcedureTransactionId = 0 }.ToArray()));
        Assert.Empty(h.Upf.Received<SessionDeletionRequest>());
        Assert.Equal(HttpStatusCode.NoContent, (await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_REL_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, [0x00]))).Status);
        Assert.Single(h.Upf.Received<SessionDeletionRequest>());
        Assert.Equal(0, h.Smf.Count);
    }

    [Fact]
    public async Task LocalRelease_N4SessionDeleted_AndTheAmfNotified()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 8);
        string reference = location.Split('/')[^1];
        Assert.True(await h.Smf.ReleaseLocallyAndNotifyAsync(reference, "REL_DUE_TO_REACTIVATION", TestContext.Current.CancellationToken));
        Assert.Single(h.Upf.Received<SessionDeletionRequest>());
        Assert.Equal(0, h.Smf.Count);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var (uri, notification) = await h.Amf.StatusNotifications.Reader.ReadAsync(cts.Token);
        Assert.Equal(SmfHarness.StatusUri(8), uri);
        Assert.Equal(("RELEASED", "REL_DUE_TO_REACTIVATION"), (notification.StatusInfo.ResourceStatus, notification.StatusInfo.Cause));
        Assert.False(await h.Smf.ReleaseLocallyAndNotifyAsync(reference, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UeRequestedModification_CommandWithTheSessionAmbr_AndNetworkRequestedAmbrChangeReachesUpfAndUe()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 5);
        await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, SetupResponseTransfer(IPAddress.Parse("10.9.9.9"), 7)));
        SbiReply r = await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, new PduSessionModificationRequest { PduSessionId = 5, ProcedureTransactionId = 11 }.ToArray()));
        var command = Nas<PduSessionModificationCommand>(r.Part("n1msg"));
        Assert.Equal(11, command.ProcedureTransactionId);
        Assert.Equal(300_000_000UL, command.SessionAmbr!.Value.DownlinkBitsPerSecond);
        // The user plane is up: the RAN gets the PDU Session Resource Modify Request Transfer with the same AMBR (TS 23.502 §4.3.3.2 step 3b).
        Assert.Contains("PDU_RES_MOD_REQ", r.Json, StringComparison.Ordinal);
        Assert.True(Per.TryDecode<PduSessionResourceModifyRequestTransfer>(r.Part("n2msg")!, out var modify, out _));
        var ambr = Assert.Single(modify.ProtocolIEs.Select(f => f.Value).OfType<PduSessionResourceModifyRequestTransferIEsProtocolIeFieldValue.PduSessionAggregateMaximumBitRate>()).Value;
        Assert.Equal(300_000_000L, ambr.PduSessionAggregateMaximumBitRateDl);
        SmContext ctx = h.Smf.Find(location.Split('/')[^1])!;
        Assert.True(ctx.ModificationPending);
        Assert.Equal(HttpStatusCode.NoContent, (await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_MOD_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, Per.Encode(new PduSessionResourceModifyResponseTransfer())))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, new PduSessionModificationComplete { PduSessionId = 5, ProcedureTransactionId = 11 }.ToArray()))).Status);
        Assert.Equal((false, 1, 1), (ctx.ModificationPending, ctx.ModificationsCompleted, ctx.N2ModificationsConfirmed));
        // A response transfer that does not decode is a 400, and a second complete with nothing pending gets 5GSM status #98.
        Assert.Equal(HttpStatusCode.BadRequest, (await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_MOD_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, [0xFF, 0xFF, 0xFF]))).Status);
        SbiReply again = await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } },
            new BinaryPart("n1", SbiMultipart.NasMediaType, new PduSessionModificationComplete { PduSessionId = 5, ProcedureTransactionId = 11 }.ToArray()));
        Assert.Equal(98, Nas<FiveGsmStatus>(again.Part("n1msg")).Cause.Octet);

        string reference = location.Split('/')[^1];
        Assert.True((await h.Smf.ModifyAmbrNetworkRequestedAsync(reference, 50_000_000, 60_000_000, TestContext.Current.CancellationToken)).IsOk);
        UpdateQer qer = h.Upf.Received<SessionModificationRequest>().SelectMany(m => m.UpdateQers).Single();
        Assert.Equal(50_000UL, qer.Mbr!.UplinkKbps);
        Transfer t = await h.Amf.NextAsync();
        var networkCommand = Nas<PduSessionModificationCommand>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
        Assert.Equal(60_000_000UL, networkCommand.SessionAmbr!.Value.DownlinkBitsPerSecond);
        Assert.Equal("PDU_RES_MOD_REQ", t.Data.N2InfoContainer!.SmInfo!.N2InfoContent!.NgapIeType);
        Assert.True(Per.TryDecode<PduSessionResourceModifyRequestTransfer>(t.Part(t.Data.N2InfoContainer.SmInfo.N2InfoContent.NgapData)!, out var networkModify, out _));
        Assert.Equal(60_000_000L, networkModify.ProtocolIEs.Select(f => f.Value).OfType<PduSessionResourceModifyRequestTransferIEsProtocolIeFieldValue.PduSessionAggregateMaximumBitRate>().Single().Value.PduSessionAggregateMaximumBitRateDl);
    }

    [Fact]
    public async Task AnRelease_BuffersDownlink_ThenDownlinkDataReportPagesThroughN1N2Transfer_AndUsageIsRecorded()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 6);
        SbiReply idle = await h.UpdateAsync(location, new SmContextUpdateData { UpCnxState = "DEACTIVATED" });
        Assert.Equal(HttpStatusCode.OK, idle.Status);
        UpdateFar far = h.Upf.Received<SessionModificationRequest>().Single().UpdateFars.Single();
        Assert.True(far.ApplyAction!.Buffer);
        Assert.True(far.ApplyAction.NotifyCp);

        ulong cpSeid = h.Upf.Received<SessionEstablishmentRequest>().Single().CpFSeid!.Seid;
        var usage = new UsageReport();
        usage.Add(PfcpIeType.UrrId, new UrrId(1));
        usage.Add(PfcpIeType.UrSeqn, new UrSeqn(3));
        usage.Add(PfcpIeType.UsageReportTrigger, new UsageReportTrigger([0x01, 0x00, 0x00]));
        usage.Add(PfcpIeType.VolumeMeasurement, Volume.Of(total: 30, uplink: 10, downlink: 20));
        PfcpMessage rsp = await h.Upf.ReportAsync(h.N4.LocalEndPoint, cpSeid, downlinkData: true, usage, TestContext.Current.CancellationToken);
        var reportRsp = Assert.IsType<SessionReportResponse>(rsp);
        Assert.Equal(PfcpCause.RequestAccepted, reportRsp.Cause!.Value);
        Assert.Equal(h.Upf.Sessions.Keys.Single(), reportRsp.Seid);
        Transfer page = await h.Amf.NextAsync();
        Assert.Null(page.Data.N1MessageContainer);
        Assert.Equal("PDU_RES_SETUP_REQ", page.Data.N2InfoContainer!.SmInfo!.N2InfoContent!.NgapIeType);
        Assert.Contains(h.Smf.ChargingRecords, c => c.UplinkOctets == 10 && c.DownlinkOctets == 20);

        PfcpMessage unknown = await h.Upf.ReportAsync(h.N4.LocalEndPoint, 0xDEAD, downlinkData: true, null, TestContext.Current.CancellationToken);
        Assert.Equal(PfcpCause.SessionContextNotFound, Assert.IsType<SessionReportResponse>(unknown).Cause!.Value);
    }

    [Fact]
    public async Task PagingFailure_N1N2FailureNotification_DiscardsTheBufferKeepsBuffering_AndTheNextReportPagesAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using SmfHarness h = await SmfHarness.StartAsync();
        (string location, _) = await EstablishAsync(h, 6);
        Assert.Equal(HttpStatusCode.OK, (await h.UpdateAsync(location, new SmContextUpdateData { UpCnxState = "DEACTIVATED" })).Status);
        ulong cpSeid = h.Upf.Received<SessionEstablishmentRequest>().Single().CpFSeid!.Seid;
        SmContext ctx = h.Smf.Find(location.Split('/')[^1])!;

        await h.Upf.ReportAsync(h.N4.LocalEndPoint, cpSeid, downlinkData: true, null, ct);
        Transfer page = await h.Amf.NextAsync();
        Assert.Equal("ACTIVATING", ctx.UpCnxState);
        // TS 29.518 §6.1.6.2.31: the transfer names where the AMF reports that it could not deliver it.
        string notify = page.Data.N1n2FailureTxfNotifURI ?? throw new InvalidOperationException("no n1n2FailureTxfNotifURI");
        Assert.StartsWith(h.Base.ToString().TrimEnd('/') + "/nsmf-callback/v1/", notify, StringComparison.Ordinal);
        Assert.Contains("\"n1n2FailureTxfNotifURI\"", page.Json, StringComparison.Ordinal);
        int modificationsBefore = h.Upf.Received<SessionModificationRequest>().Count();

        // Paging got no answer (TS 23.502 §4.2.3.3 step 4c).
        SbiReply failed = await h.PostAsync(notify, Json("""{"cause":"UE_NOT_RESPONDING","n1n2MsgDataUri":"http://amf.test/namf-comm/v1/ue-contexts/x/n1-n2-messages/1"}"""));
        Assert.Equal(HttpStatusCode.NoContent, failed.Status);
        Assert.Equal(("DEACTIVATED", 1), (ctx.UpCnxState, ctx.PagingFailures));
        // The UPF drops what it buffered (DROBU) and goes on buffering and notifying (BUFF+NOCP).
        SessionModificationRequest discard = h.Upf.Received<SessionModificationRequest>().Skip(modificationsBefore).Single();
        Assert.True(discard.Flags!.Has(0, 1), "PFCPSMReq-Flags DROBU");
        UpdateFar far = discard.UpdateFars.Single();
        Assert.True(far.ApplyAction!.Buffer && far.ApplyAction.NotifyCp && !far.ApplyAction.Forward);

        // The next downlink data report pages again.
        await h.Upf.ReportAsync(h.N4.LocalEndPoint, cpSeid, downlinkData: true, null, ct);
        Transfer again = await h.Amf.NextAsync();
        Assert.Equal("PDU_RES_SETUP_REQ", again.Data.N2InfoContainer!.SmInfo!.N2InfoContent!.NgapIeType);
        Assert.Equal("ACTIVATING", ctx.UpCnxState);

        // An unknown SM context is 404; a notification without its mandatory n1n2MsgDataUri is 400.
        Assert.Equal(HttpStatusCode.NotFound, (await h.PostAsync("nsmf-callback/v1/n1n2-failure/no-such-context",
            Json("""{"cause":"UE_NOT_RESPONDING","n1n2MsgDataUri":"http://amf.test/x"}"""))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.PostAsync(notify, Json("""{"cause":"UE_NOT_RESPONDING"}"""))).Status);
        Assert.Equal("ACTIVATING", ctx.UpCnxState);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task SameSessionIdAgain_ReplacesTheOldSession()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        await EstablishAsync(h, 5);
        await EstablishAsync(h, 5);
        Assert.Equal(1, h.Smf.Count);
        Assert.Single(h.Upf.Received<SessionDeletionRequest>());
        Assert.Single(h.Upf.Sessions);
    }

    [Fact]
    public async Task WithoutPcf_SubscribedQosIsTheLocalPolicy()
    {
        await using SmfHarness h = await SmfHarness.StartAsync(withPcf: false);
        (_, Transfer t) = await EstablishAsync(h, 5);
        var accept = Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
        Assert.Equal(400_000_000UL, accept.SessionAmbr.DownlinkBitsPerSecond);
        Assert.Equal(9, accept.AuthorizedQosFlowDescriptions!.Value.ToArray().Single().Parameters.Single(p => p.Identifier == 1).Contents.Span[0]);
    }
}
