// Style anchor #10: processors return Result<T, ProblemDetails>; the endpoint turns it into the HTTP reply.
using GlassCore.Sbi.Models;

namespace GlassCore.Sbi;

/// <summary>Either a value (with the success status the operation defines) or a ProblemDetails.</summary>
public readonly struct Result<T>
{
    private Result(T? value, ProblemDetails? problem, int status, string? location)
    {
        Value = value;
        Problem = problem;
        Status = status;
        Location = location;
    }

    public T? Value { get; }
    public ProblemDetails? Problem { get; }
    public int Status { get; }
    /// <summary>The Location header of a 201 Created.</summary>
    public string? Location { get; }
    public bool IsOk => Problem is null;

    public static Result<T> Ok(T value, int status = 200) => new(value, null, status, null);
    public static Result<T> Created(T value, string location) => new(value, null, 201, location);
    public static Result<T> NoContent() => new(default, null, 204, null);
    public static Result<T> Fail(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(default, problem, problem.Status ?? 500, null);
    }

    public static implicit operator Result<T>(ProblemDetails problem) => Fail(problem);
}
