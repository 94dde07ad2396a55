// TS 29.502 §5.2.2.2-§5.2.2.4: what a Nsmf_PDUSession operation answers: a typed body or an SmContextCreateError /
// SmContextUpdateError, either one with binary parts (N1 SM message, N2 SM information) referenced from the JSON.
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Smf;

public sealed class SmfReply<T> where T : class
{
    public int Status { get; init; }
    public T? Body { get; init; }
    public SmContextError? Error { get; init; }
    public IReadOnlyList<BinaryPart> Parts { get; init; } = [];
    public string? Location { get; init; }
    /// <summary>Work that follows the reply (N1N2MessageTransfer after SM context creation, TS 23.502 §4.3.2.2.1 step 11).</summary>
    public Func<CancellationToken, Task>? After { get; init; }

    public static SmfReply<T> Ok(T? body, int status = 200, IReadOnlyList<BinaryPart>? parts = null) => new() { Status = body is null ? 204 : status, Body = body, Parts = parts ?? [] };

    public static SmfReply<T> Fail(ProblemDetails problem, IReadOnlyList<BinaryPart>? parts = null, RefToBinaryData? n1 = null, RefToBinaryData? n2 = null, string? n2Type = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new()
        {
            Status = problem.Status ?? 500,
            Error = new SmContextError { Error = problem, N1SmMsg = n1, N2SmInfo = n2, N2SmInfoType = n2Type },
            Parts = parts ?? [],
        };
    }
}
