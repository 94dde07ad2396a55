// Typed failures of the security library: callers map them to protocol causes, never to crashes.
namespace GlassCore.Security;

/// <summary>Input that a security function cannot accept (wrong length, bad encoding, failed check).</summary>
public class SecurityException : Exception
{
    public SecurityException() { }
    public SecurityException(string message) : base(message) { }
    public SecurityException(string message, Exception inner) : base(message, inner) { }
}
