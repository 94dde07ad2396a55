// TS 24.501 §8.2.1.2, §8.2.1.3, §8.2.1.5 and §7.7.2: which authentication parameters an Authentication request carries.
namespace GlassCore.Nas.Messages;

public sealed partial class AuthenticationRequest
{
    /// <summary>
    /// §8.2.1.2/§8.2.1.3: RAND and AUTN are included together when the network runs 5G AKA; §8.2.1.5: the EAP message is
    /// included for EAP-based authentication (§5.4.1.2). One of RAND/AUTN without the other, or a request with neither
    /// 5G AKA parameters nor an EAP message, leaves the UE nothing to authenticate with: a conditional IE error
    /// (§7.7.2, cause #100), reported with the IEI of the missing IE.
    /// </summary>
    internal override NasError ValidateMessage()
    {
        bool rand = Rand is not null, autn = Autn is not null;
        if (rand != autn)
        {
            return NasError.Conditional(GetEncodedLength(), rand ? AutnIei : RandIei);
        }
        return !rand && EapMessage is null ? NasError.Conditional(GetEncodedLength(), EapMessageIei) : default;
    }

    private const byte RandIei = 0x21;
    private const byte AutnIei = 0x20;
    private const byte EapMessageIei = 0x78;
}
