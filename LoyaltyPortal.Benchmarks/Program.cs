using LoyaltyPortal.Benchmarks;

// dotnet run -c Release --project LoyaltyPortal.Benchmarks -- <benchmark> [--Database:DataFolder=...] [--Database:Provider=Postgres --ConnectionStrings:Postgres=...]
// Benchmarks run against a database prepared with: dotnet run --project LoyaltyPortal -- seed --members 1000000
return await BenchmarkRunner.RunAsync(args);
