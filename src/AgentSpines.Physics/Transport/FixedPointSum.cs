namespace AgentSpines.Physics.Transport;

/// <summary>
/// An order-independent sum: each term is rounded to a multiple of 2^-Shift and added as an integer, so the total
/// is the same whatever order (threads, actors) the terms arrive in. Resolution 2^-24 ~ 6e-8 of the unit.
/// </summary>
public struct FixedPointSum
{
    private const int Shift = 24;
    private const double Scale = 1 << Shift;
    private Int128 _sum;

    public void Add(double value) => _sum += (Int128)Math.Round(value * Scale);
    public void Add(FixedPointSum other) => _sum += other._sum;
    public readonly double Value => (double)_sum / Scale;
}
