// TS 23.501 §5.15.2 / TS 29.531: the slices this PLMN supports and the network slice instance that serves each.
namespace GlassCore.Nssf;

public sealed class NssfOptions
{
    public string InstanceId { get; set; } = "8f7a1c4e-0000-4000-8000-000000000008";
    public List<SupportedSliceOptions> Slices { get; set; } = [new()];
    /// <summary>The NRF that serves the slice instances (NsiInformation.nrfId).</summary>
    public string NrfUri { get; set; } = "http://127.0.0.1:7777/nnrf-nfm/v1/nf-instances";
}

public sealed class SupportedSliceOptions
{
    public int Sst { get; set; } = 1;
    public string? Sd { get; set; }
    public string? NsiId { get; set; } = "1";
}
