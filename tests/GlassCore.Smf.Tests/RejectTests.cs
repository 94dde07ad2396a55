// TS 24.501 §6.4.1.4 (PDU session establishment not accepted: the 5GSM causes) and TS 29.502 §5.2.2.2 / §6.1.7
// (SmContextCreateError with the N1 reject; ProblemDetails for malformed requests), without disturbing other sessions.
using System.Net;
using System.Text;
using System.Text.Json;
using GlassCore.Nas;
using GlassCore.Nas.Messages;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf.Gsm;
using GlassCore.TestSupport;

namespace GlassCore.Smf.Tests;

public sealed class RejectTests
{
    private const string Nsmf = "TS29502_Nsmf_PDUSession.yaml";

    private static async Task AssertRejected(SmfHarness h, SmContextCreateData data, byte[] n1, HttpStatusCode status, string cause, byte fiveGsmCause)
    {
        SbiReply r = await h.CreateAsync(data, n1);
        Assert.Equal(status, r.Status);
        OpenApiSchemas.AssertValid(r.Json, Nsmf, "SmContextCreateError");
        using JsonDocument doc = JsonDocument.Parse(r.Json);
        Assert.Equal(cause, doc.RootElement.GetProperty("error").GetProperty("cause").GetString());
        string n1Id = doc.RootElement.GetProperty("n1SmMsg").GetProperty("contentId").GetString()!;
        Assert.Equal(SbiMultipart.NasMediaType, r.Parts.Single(p => p.ContentId == n1Id).ContentType);
        var reject = PduSessionTests.Nas<PduSessionEstablishmentReject>(r.Part(n1Id));
        Assert.Equal(fiveGsmCause, reject.Cause.Octet);
        Assert.Equal(data.PduSessionId, reject.PduSessionId);
    }

    [Fact]
    public async Task UnknownDnn_Cause27()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        await AssertRejected(h, SmfHarness.CreateData(5, "nosuchdnn"), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.Forbidden, "DNN_NOT_SUPPORTED", FiveGsmCauses.MissingOrUnknownDnn);
    }

    [Fact]
    public async Task DnnServedOnlyInAnotherSlice_Cause70()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        await AssertRejected(h, SmfHarness.CreateData(5, "ims", sd: null), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.Forbidden, "DNN_NOT_SUPPORTED", FiveGsmCauses.MissingOrUnknownDnnInASlice);
    }

    [Fact]
    public async Task UnsubscribedDnn_Cause33()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        // internet is served in SST 1 SD 010203 but this subscriber has only ims there.
        await AssertRejected(h, SmfHarness.CreateData(5, "internet", sd: "010203"), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.Forbidden, "DNN_DENIED", FiveGsmCauses.RequestedServiceOptionNotSubscribed);
    }

    [Fact]
    public async Task UnsubscribedSlice_Cause33()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        h.Udm.Data[SmfHarness.Supi] = [FakeUdm.Slice(1, "010203", "ims")];
        await AssertRejected(h, SmfHarness.CreateData(5), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.Forbidden, "SNSSAI_DENIED", FiveGsmCauses.RequestedServiceOptionNotSubscribed);
    }

    [Fact]
    public async Task UnknownSubscriber_Cause33()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        await AssertRejected(h, SmfHarness.CreateData(5, supi: "imsi-001010000000999"), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.Forbidden, "SUBSCRIPTION_DENIED", FiveGsmCauses.RequestedServiceOptionNotSubscribed);
    }

    [Fact]
    public async Task Ipv4RequestedOnV6OnlyDnn_Cause51_AndIpv6OnV4OnlyDnn_Cause50()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        await AssertRejected(h, SmfHarness.CreateData(5, "v6only"), SmfHarness.EstablishmentRequest(5, 1, PduSessionTypeValues.Ipv4), HttpStatusCode.Forbidden, "PDUTYPE_DENIED", FiveGsmCauses.PduSessionTypeIpv6OnlyAllowed);
        await AssertRejected(h, SmfHarness.CreateData(6, "ims", sd: "010203"), SmfHarness.EstablishmentRequest(6, 1, PduSessionTypeValues.Ipv6), HttpStatusCode.Forbidden, "PDUTYPE_DENIED", FiveGsmCauses.PduSessionTypeIpv4OnlyAllowed);
    }

    [Fact]
    public async Task EthernetSession_Cause28_AndSscMode2_Cause68()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        await AssertRejected(h, SmfHarness.CreateData(5), SmfHarness.EstablishmentRequest(5, 1, PduSessionTypeValues.Ethernet), HttpStatusCode.Forbidden, "PDUTYPE_DENIED", FiveGsmCauses.UnknownPduSessionType);
        await AssertRejected(h, SmfHarness.CreateData(5), SmfHarness.EstablishmentRequest(5, 1, ssc: 2), HttpStatusCode.Forbidden, "SSC_DENIED", FiveGsmCauses.NotSupportedSscMode);
    }

    [Fact]
    public async Task PoolExhausted_Cause26_OtherSessionsUntouched()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        // ims has a /30: one UE address (.2) after the network and gateway addresses.
        SbiReply first = await h.CreateAsync(SmfHarness.CreateData(5, "ims", sd: "010203"), SmfHarness.EstablishmentRequest(5, 1));
        Assert.Equal(HttpStatusCode.Created, first.Status);
        await AssertRejected(h, SmfHarness.CreateData(6, "ims", sd: "010203"), SmfHarness.EstablishmentRequest(6, 1), HttpStatusCode.InternalServerError, "INSUFFICIENT_RESOURCES_SLICE_DNN", FiveGsmCauses.InsufficientResources);
        Assert.Equal(1, h.Smf.Count);
        Assert.Single(h.Upf.Sessions);
    }

    [Fact]
    public async Task UpfRefusesTheSession_Cause26_AddressAndPolicyGivenBack()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        h.Upf.RefuseEstablishment = true;
        await AssertRejected(h, SmfHarness.CreateData(5), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.InternalServerError, "SYSTEM_FAILURE", FiveGsmCauses.InsufficientResources);
        Assert.Equal(0, h.Pcf.Count);
        h.Upf.RefuseEstablishment = false;
        (_, Transfer t) = await PduSessionTests.EstablishAsync(h, 5);
        // The address of the failed attempt was returned and is handed out again.
        Assert.Equal("10.45.0.3", PduSessionTests.Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer!.N1MessageContent)).PduAddress!.Value.Ipv4Address!.ToString());
    }

    [Fact]
    public async Task NoUpfAnswers_Cause26()
    {
        await using SmfHarness h = await SmfHarness.StartAsync(o => o.Upfs = [new UpfOptions { Address = "127.0.0.1", Port = SmfHarness.FreePort() }]);
        await AssertRejected(h, SmfHarness.CreateData(5), SmfHarness.EstablishmentRequest(5, 1), HttpStatusCode.InternalServerError, "INSUFFICIENT_RESOURCES_SLICE_DNN", FiveGsmCauses.InsufficientResources);
    }

    private static void AssertProblem(SbiReply r, HttpStatusCode status, string cause)
    {
        Assert.Equal(status, r.Status);
        Assert.StartsWith("application/problem+json", r.ContentType, StringComparison.Ordinal);
        OpenApiSchemas.AssertValid(r.Json, "TS29571_CommonData.yaml", "ProblemDetails");
        using JsonDocument doc = JsonDocument.Parse(r.Json);
        Assert.Equal(cause, doc.RootElement.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task MalformedRequests_ProblemDetailsWithTheCause()
    {
        await using SmfHarness h = await SmfHarness.StartAsync();
        AssertProblem(await h.PostAsync("nsmf-pdusession/v1/sm-contexts", new StringContent("hello", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        AssertProblem(await h.PostAsync("nsmf-pdusession/v1/sm-contexts", new StringContent("{\"supi\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "INVALID_MSG_FORMAT");
        AssertProblem(await h.PostAsync("nsmf-pdusession/v1/sm-contexts", new StringContent("{\"supi\":\"imsi-1\"}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "MANDATORY_IE_MISSING");
        AssertProblem(await h.CreateAsync(SmfHarness.CreateData(5), null), HttpStatusCode.BadRequest, "MANDATORY_IE_MISSING");
        SmContextCreateData badPsi = SmfHarness.CreateData(5);
        badPsi.PduSessionId = 16;
        AssertProblem(await h.CreateAsync(badPsi, SmfHarness.EstablishmentRequest(5, 1)), HttpStatusCode.BadRequest, "MANDATORY_IE_INCORRECT");
        AssertProblem(await h.CreateAsync(SmfHarness.CreateData(5), [0x2E, 0x05]), HttpStatusCode.Forbidden, "N1_SM_ERROR");
        AssertProblem(await h.CreateAsync(SmfHarness.CreateData(5), new PduSessionReleaseRequest { PduSessionId = 5, ProcedureTransactionId = 1 }.ToArray()), HttpStatusCode.Forbidden, "N1_SM_ERROR");
        var broken = new MultipartContent("related", "xyz");
        broken.Add(new ByteArrayContent("garbage"u8.ToArray()));
        AssertProblem(await h.PostAsync("nsmf-pdusession/v1/sm-contexts", broken), HttpStatusCode.BadRequest, "INVALID_MSG_FORMAT");
        AssertProblem(await h.UpdateAsync("/nsmf-pdusession/v1/sm-contexts/999", new SmContextUpdateData { UpCnxState = "DEACTIVATED" }), HttpStatusCode.NotFound, "CONTEXT_NOT_FOUND");
        AssertProblem(await h.ReleaseAsync("/nsmf-pdusession/v1/sm-contexts/999"), HttpStatusCode.NotFound, "CONTEXT_NOT_FOUND");

        (string location, _) = await PduSessionTests.EstablishAsync(h, 5);
        AssertProblem(await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "missing" }, N2SmInfoType = "PDU_RES_SETUP_RSP" }), HttpStatusCode.BadRequest, "MANDATORY_IE_INCORRECT");
        AssertProblem(await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" },
            new BinaryPart("n2", SbiMultipart.NgapMediaType, [0xFF, 0xFF, 0xFF])), HttpStatusCode.BadRequest, "INVALID_MSG_FORMAT");
        // A garbage N1 message inside an existing session: 5GSM STATUS back, the session lives on.
        SbiReply status = await h.UpdateAsync(location, new SmContextUpdateData { N1SmMsg = new RefToBinaryData { ContentId = "n1" } }, new BinaryPart("n1", SbiMultipart.NasMediaType, [0x2E, 0x05, 0x01, 0xEE]));
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.IsType<FiveGsmStatus>(PduSessionTests.Nas<FiveGsmStatus>(status.Part("n1msg")));
        Assert.Equal(1, h.Smf.Count);
    }
}
