using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OmniaKey.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
