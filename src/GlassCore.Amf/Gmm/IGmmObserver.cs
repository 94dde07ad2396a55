// TS 24.501 §5.1.3.2.2: who wants to know when a UE's 5GMM state changes (metrics, the simulator's summary, tests).
namespace GlassCore.Amf.Gmm;

/// <summary>Called from the UE's own mailbox task after each transition; must be quick and must not block.</summary>
public interface IGmmObserver
{
    void StateChanged(long amfUeNgapId, GmmState from, GmmState to);
}
