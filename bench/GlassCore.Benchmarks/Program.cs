// Entry point for every BenchmarkDotNet suite in bench/; pick suites with --filter. `sctp-load` runs the SCTP load program,
// `smf-load` the PDU session establishment rate through the SMF and the UPF.
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "sctp-load")
{
    return await GlassCore.Benchmarks.SctpLoad.RunAsync(args);
}
if (args.Length > 0 && args[0] == "smf-load")
{
    return await GlassCore.Benchmarks.SmfLoad.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
