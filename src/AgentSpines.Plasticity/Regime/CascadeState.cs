namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The state of the shared signalling cascade of one animal (all dimensionless, 0 at baseline).
/// Excitation: relative pyramidal glutamatergic drive (minutes). Bdnf: TrkB signalling above baseline (hours).
/// Mtor: mTORC1 activity (0..1, hours). Protein: newly made synaptic proteins (0..1, hours). Synaptogenesis: the
/// new-spine competence those proteins give a dendrite (0..1, days). Eef2: eEF2 dephosphorylation by NMDA-receptor block
/// at rest (0..1, hours). Priming: slow homeostatic structural state that needs both (0..1, weeks).
/// Upscaling: its structural expression, lagging it by days (0..1). Transcription: 5-HT2A-driven plasticity-gene window (0..1, weeks).
/// Ht2aDesensitised: fraction of 5-HT2A receptors desensitised/internalised (0..1, days). CamKii: D1-driven
/// CaMKII activation (0..1, hour). DeltaFosB: slow transcription factor (0..1, days). CamKiiLevel: CaMKIIalpha expression
/// induced by Delta-FosB, above baseline (days). MtorRefractory: feedback inhibition of mTORC1's upstream inputs after
/// protein synthesis (0..1, days). Microglia: TSPO-driven engulfment drive
/// (day). Glucocorticoid: GR-driven state (days). Filopodia: filopodial drive (minutes). GrowthConsolidation: the share of
/// TrkB-potentiated head growth that protein synthesis has consolidated (0..1, days).
/// </summary>
public struct CascadeState
{
    public const int Count = 18;
    public double Excitation, Bdnf, Mtor, Protein, Priming, Transcription, Ht2aDesensitised, CamKii, DeltaFosB, Microglia, Glucocorticoid, Filopodia, CamKiiLevel, MtorRefractory, Synaptogenesis, Eef2, Upscaling, GrowthConsolidation;

    public double this[int i]
    {
        readonly get => i switch
        {
            0 => Excitation, 1 => Bdnf, 2 => Mtor, 3 => Protein, 4 => Priming, 5 => Transcription, 6 => Ht2aDesensitised,
            7 => CamKii, 8 => DeltaFosB, 9 => Microglia, 10 => Glucocorticoid, 11 => Filopodia, 12 => CamKiiLevel, 13 => MtorRefractory, 14 => Synaptogenesis, 15 => Eef2, 16 => Upscaling, 17 => GrowthConsolidation, _ => throw new ArgumentOutOfRangeException(nameof(i)),
        };
        set
        {
            switch (i)
            {
                case 0: Excitation = value; break;
                case 1: Bdnf = value; break;
                case 2: Mtor = value; break;
                case 3: Protein = value; break;
                case 4: Priming = value; break;
                case 5: Transcription = value; break;
                case 6: Ht2aDesensitised = value; break;
                case 7: CamKii = value; break;
                case 8: DeltaFosB = value; break;
                case 9: Microglia = value; break;
                case 10: Glucocorticoid = value; break;
                case 11: Filopodia = value; break;
                case 12: CamKiiLevel = value; break;
                case 13: MtorRefractory = value; break;
                case 14: Synaptogenesis = value; break;
                case 15: Eef2 = value; break;
                case 16: Upscaling = value; break;
                case 17: GrowthConsolidation = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(i));
            }
        }
    }

    public static readonly string[] Names =
        ["Excitation", "Bdnf", "Mtor", "Protein", "Priming", "Transcription", "Ht2aDesensitised", "CamKii", "DeltaFosB", "Microglia", "Glucocorticoid", "Filopodia", "CamKiiLevel", "MtorRefractory", "Synaptogenesis", "Eef2", "Upscaling", "GrowthConsolidation"];
}
