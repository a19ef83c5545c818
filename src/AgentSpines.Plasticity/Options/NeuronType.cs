namespace AgentSpines.Plasticity.Options;

/// <summary>
/// The imaged cell type (config key Regime:Neuron). It sets which dopamine receptors the cell's cascade reads
/// (DopamineReceptorExpression), not any drug effect: cortical pyramidal cells (the default) and nucleus accumbens
/// D1- or D2-receptor medium spiny neurons (segregated expression: Gerfen et al. 1990 Science 250:1429).
/// </summary>
public enum NeuronType { CorticalPyramidal, D1Msn, D2Msn }

/// <summary>Relative expression (0..1) of D1 and D2 receptors in a cell type, as the cascade's dopamine inputs read it.</summary>
public readonly record struct DopamineReceptorExpression(double D1, double D2)
{
    /// <summary>
    /// CorticalPyramidal: the dmPFC spine response to cocaine is blocked by the D1 antagonist SCH23390 (Munoz-Cuevas
    /// et al. 2013 Nat Neurosci 16:1367), so D1 only [assumed: no D2 contribution]. D1/D2 MSNs: one receptor each
    /// (Gerfen 1990; Drd1/Drd2-EGFP mice of Lee et al. 2006 PNAS 103:3399).
    /// </summary>
    public static DopamineReceptorExpression Of(NeuronType neuron) => neuron switch
    {
        NeuronType.D1Msn => new(1, 0),
        NeuronType.D2Msn => new(0, 1),
        _ => new(1, 0),
    };
}
