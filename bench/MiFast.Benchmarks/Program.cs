using BenchmarkDotNet.Running;

// Run every suite, or pick with --filter, e.g.:
//   dotnet run -c Release --project bench/MiFast.Benchmarks -- --filter '*MutualInfo*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
