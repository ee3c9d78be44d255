using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using OneGo.Benchmarks;

// dotnet run -c Release --project bench/OneGo.Benchmarks [-- --filter '*Plan*']
// dotnet run -c Release --project bench/OneGo.Benchmarks -- sweep --pg "Host=…;Port=5433;Username=postgres" --tasks 100000
if (args.Length > 0 && args[0] == "sweep")
{
    return await SweepBenchmark.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
return 0;
