// TS 24.501 §4.4.4.2 and §4.4.4.3: which 5GMM messages each side processes without integrity protection.
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Tests;

public class NasIntegrityRulesTests
{
    private static FiveGmmMessage Create(byte type) => NasMessageRegistry.CreateFiveGmm(type)!;

    [Fact]
    public void Amf_ListOf4443_AndNothingElse()
    {
        byte[] allowed =
        [
            NasMessageTypes.RegistrationRequest, NasMessageTypes.AuthenticationResponse, NasMessageTypes.AuthenticationFailure,
            NasMessageTypes.SecurityModeReject, NasMessageTypes.DeregistrationRequestUeOriginating,
            NasMessageTypes.DeregistrationAcceptUeTerminated, NasMessageTypes.ServiceRequest,
        ];
        foreach (MessageLayout layout in NasMessageRegistry.AllLayouts)
        {
            if (NasMessageRegistry.CreateFiveGmm(layout.MessageType) is not { } m || m is IdentityResponse)
            {
                continue;
            }
            Assert.Equal(allowed.Contains(layout.MessageType), NasIntegrityRules.AmfMayProcessWithoutIntegrity(m));
        }
        // IDENTITY RESPONSE only when it answers a request for the SUCI.
        Assert.True(NasIntegrityRules.AmfMayProcessWithoutIntegrity(new IdentityResponse
        {
            MobileIdentity = FiveGsMobileIdentity.FromNullSchemeSuci(new PlmnId(1, 1, false), "0", "0000000001"),
        }));
        Assert.False(NasIntegrityRules.AmfMayProcessWithoutIntegrity(new IdentityResponse
        {
            MobileIdentity = FiveGsMobileIdentity.FromImei("490154203237518", imeisv: false),
        }));
    }

    [Fact]
    public void Ue_ListOf4442_AndNothingElse()
    {
        byte[] allowed =
        [
            NasMessageTypes.AuthenticationRequest, NasMessageTypes.AuthenticationResult, NasMessageTypes.AuthenticationReject,
            NasMessageTypes.DeregistrationAcceptUeOriginating,
        ];
        foreach (MessageLayout layout in NasMessageRegistry.AllLayouts)
        {
            if (NasMessageRegistry.CreateFiveGmm(layout.MessageType) is not { } m || m is IdentityRequest or RegistrationReject or ServiceReject)
            {
                continue;
            }
            Assert.Equal(allowed.Contains(layout.MessageType), NasIntegrityRules.UeMayProcessWithoutIntegrity(m));
        }
        Assert.True(NasIntegrityRules.UeMayProcessWithoutIntegrity(new IdentityRequest { IdentityType = new HalfOctet(1) }));
        Assert.False(NasIntegrityRules.UeMayProcessWithoutIntegrity(new IdentityRequest { IdentityType = new HalfOctet(3) }));
        foreach (byte cause in new byte[] { 3, 11, 27, 111 })
        {
            Assert.True(NasIntegrityRules.UeMayProcessWithoutIntegrity(new RegistrationReject { Cause = OctetValue.Create(cause) }));
            Assert.True(NasIntegrityRules.UeMayProcessWithoutIntegrity(new ServiceReject { Cause = OctetValue.Create(cause) }));
        }
        foreach (byte cause in new byte[] { 76, 78 })
        {
            Assert.False(NasIntegrityRules.UeMayProcessWithoutIntegrity(new RegistrationReject { Cause = OctetValue.Create(cause) }));
            Assert.False(NasIntegrityRules.UeMayProcessWithoutIntegrity(new ServiceReject { Cause = OctetValue.Create(cause) }));
        }
        Assert.False(NasIntegrityRules.UeMayProcessWithoutIntegrity(Create(NasMessageTypes.SecurityModeCommand)));
        Assert.False(NasIntegrityRules.UeMayProcessWithoutIntegrity(Create(NasMessageTypes.RegistrationAccept)));
    }
}
