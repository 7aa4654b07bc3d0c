using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The benchmark harness rebuilds the projects in Release without the shared compiler; on a small, busy machine
// that takes longer than BenchmarkDotNet's default two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
BenchmarkSwitcher.FromAssembly(typeof(OmniaKey.Benchmarks.HotPathBenchmarks).Assembly).Run(args, config);
