// Source-generated log messages (no boxing, no format parsing on hot paths).
using Microsoft.Extensions.Logging;

namespace GlassCore.Sbi;

public static partial class SbiLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "NRF registration of {NfType} {NfInstanceId} failed: {Status} {Cause}")]
    public static partial void RegistrationFailed(ILogger logger, string nfType, string nfInstanceId, int status, string? cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception e, string method, string path);
}
