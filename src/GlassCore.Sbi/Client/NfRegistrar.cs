// TS 29.510 §5.2.2.2-5.2.2.4: an NF registers its profile with the NRF at start, sends heartbeats every
// heartBeatTimer seconds (the NRF may change the timer in its answer), and deregisters when it stops.
using GlassCore.Sbi.Models;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sbi.Client;

public sealed class NfRegistrar(NrfClient nrf, NFProfile profile, ILogger logger) : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public NFProfile Profile => profile;

    /// <summary>Registers (retrying until the NRF answers or <paramref name="ct"/> fires) and starts the heartbeat loop.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        int heartbeat = 10;
        for (int attempt = 0; ; attempt++)
        {
            Result<NFProfile> r = await nrf.RegisterAsync(profile, ct).ConfigureAwait(false);
            if (r.IsOk)
            {
                heartbeat = r.Value?.HeartBeatTimer ?? profile.HeartBeatTimer ?? 10;
                break;
            }
            SbiLog.RegistrationFailed(logger, profile.NfType, profile.NfInstanceId, r.Status, r.Problem?.Cause);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * (attempt + 1))), ct).ConfigureAwait(false);
        }
        nrf.NfInstanceId ??= profile.NfInstanceId;
        nrf.NfType ??= profile.NfType;
        _stop = new CancellationTokenSource();
        _loop = HeartbeatLoopAsync(TimeSpan.FromSeconds(Math.Max(1, heartbeat)), _stop.Token);
    }

    private async Task HeartbeatLoopAsync(TimeSpan period, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(period, ct).ConfigureAwait(false);
                Result<NFProfile> r = await nrf.HeartbeatAsync(profile.NfInstanceId, ct).ConfigureAwait(false);
                if (r.Status == 404)
                {
                    // The NRF forgot us (restart or missed heartbeats): register again (§5.2.2.3.2).
                    await nrf.RegisterAsync(profile, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_loop is not null)
            {
                await _loop.ConfigureAwait(false);
            }
        }
        await nrf.DeregisterAsync(profile.NfInstanceId, ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _stop?.Dispose();
        return ValueTask.CompletedTask;
    }
}
