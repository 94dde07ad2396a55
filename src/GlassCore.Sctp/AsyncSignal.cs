// Readiness signal between a stack's callback thread (usrsctp upcall, epoll thread) and one async loop.
namespace GlassCore.Sctp;

/// <summary>
/// Auto-reset, single-waiter signal. <see cref="Set"/> is called from native callback threads and never runs the
/// waiter's continuation inline, so a stack lock held around the callback is never held by our code.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly Lock _gate = new();
    private bool _set;
    private TaskCompletionSource? _waiter;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _set = true;
                return;
            }
        }
        waiter.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return Task.CompletedTask;
            }
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }
}
