using AgentSpines.EventLog.Interop;

// Test tool for tests/interop/run.sh.
//   write-fixtures DIR   write fixture files + expected JSON that DuckDB and hyparquet must read exactly
//   verify-duckdb DIR    read DuckDB-written files (DIR/duckdb-fixtures.json) with our reader and compare
if (args.Length != 2 || args[0] is not ("write-fixtures" or "verify-duckdb"))
{
    Console.Error.WriteLine("usage: write-fixtures DIR | verify-duckdb DIR");
    return 2;
}
if (args[0] == "write-fixtures")
{
    FixtureWriter.WriteAll(args[1]);
    Console.WriteLine($"fixtures written to {args[1]}");
    return 0;
}
return DuckDbVerifier.Run(args[1]);
