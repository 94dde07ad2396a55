// Log events of GlassCore.Sctp (source-generated LoggerMessage: no boxing or formatting when a level is off).
using System.Net;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sctp;

internal static partial class SctpLog
{
    [LoggerMessage(1, LogLevel.Information, "sctp.backend auto: using {Backend} because {Reason}")]
    public static partial void BackendChosen(ILogger logger, SctpBackendKind backend, string reason);

    [LoggerMessage(2, LogLevel.Debug, "usrsctp started, UDP encapsulation port {Port}")]
    public static partial void UsrsctpStarted(ILogger logger, int port);

    [LoggerMessage(3, LogLevel.Warning, "usrsctp_finish kept failing; the stack stays up with UDP port {Port}")]
    public static partial void UsrsctpFinishFailed(ILogger logger, int port);

    [LoggerMessage(4, LogLevel.Debug, "SCTP {Operation} with {Peer} failed, errno {Errno}")]
    public static partial void IoFailed(ILogger logger, string operation, IPEndPoint peer, int errno);

    [LoggerMessage(5, LogLevel.Warning, "SCTP peer {Peer} sent a message over {Limit} bytes; aborting the association")]
    public static partial void MessageTooLarge(ILogger logger, IPEndPoint peer, int limit);

    [LoggerMessage(6, LogLevel.Debug, "SCTP loop for {Peer} ended")]
    public static partial void LoopEnded(ILogger logger, Exception exception, IPEndPoint peer);

    [LoggerMessage(7, LogLevel.Information, "SCTP peer {Peer} restarted the association")]
    public static partial void Restarted(ILogger logger, IPEndPoint peer);

    [LoggerMessage(8, LogLevel.Error, "SCTP notification handler threw")]
    public static partial void HandlerThrew(ILogger logger, Exception exception);
}
