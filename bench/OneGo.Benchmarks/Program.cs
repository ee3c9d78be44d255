using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using OneGo.Benchmarks;

// dotnet run -c Release --project bench/OneGo.Benchmarks [-- --filter '*Plan*']
BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
