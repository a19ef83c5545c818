namespace AgentSpines.Physics.Transport;

/// <summary>Ensemble statistics of one species at one time: counts and moments of the displacement of surviving particles.</summary>
public struct SpeciesObservation
{
    public long Free, Trapped, Reacted, Absorbed;
    public FixedPointSum SumDisplacementUm, SumSquaredDisplacementUm2;

    public readonly long Alive => Free + Trapped;
    public readonly double MeanDisplacementUm => Alive > 0 ? SumDisplacementUm.Value / Alive : double.NaN;
    public readonly double MsdUm2 => Alive > 0 ? SumSquaredDisplacementUm2.Value / Alive : double.NaN;

    public void Add(ParticleState state, double displacementUm)
    {
        switch (state)
        {
            case ParticleState.Free: Free++; break;
            case ParticleState.Trapped: Trapped++; break;
            case ParticleState.Reacted: Reacted++; return;
            default: Absorbed++; return;
        }
        SumDisplacementUm.Add(displacementUm);
        SumSquaredDisplacementUm2.Add(displacementUm * displacementUm);
    }

    public void Add(in SpeciesObservation o)
    {
        Free += o.Free; Trapped += o.Trapped; Reacted += o.Reacted; Absorbed += o.Absorbed;
        SumDisplacementUm.Add(o.SumDisplacementUm); SumSquaredDisplacementUm2.Add(o.SumSquaredDisplacementUm2);
    }

    public static SpeciesObservation Of(ParticleArrays p, int from, int to, double lengthUm)
    {
        var o = new SpeciesObservation();
        for (int i = from; i < to; i++) o.Add(p.State[i], p.DisplacementUm(i, lengthUm));
        return o;
    }
}
