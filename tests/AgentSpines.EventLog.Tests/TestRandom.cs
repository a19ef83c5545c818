using AgentSpines.Core.Random;

namespace AgentSpines.EventLog.Tests;

/// <summary>Test data and fuzz mutations from the project's counter-based generator; fixed seeds make every run identical.</summary>
public sealed class TestRandom(ulong seed)
{
    private readonly RandomStream _stream = new(seed, entityId: 0, stream: 0);

    public ulong NextUInt64() => _stream.NextUInt64();

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(NextUInt64() % (ulong)n);

    public double NextDouble() => _stream.NextDouble();

    public bool Chance(double p) => NextDouble() < p;
}
