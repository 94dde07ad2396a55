// Entry point for every BenchmarkDotNet suite in bench/; pick suites with --filter.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
