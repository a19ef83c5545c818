using System.Globalization;
using System.Text;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The pharmacology of one animal over time, as a table: plasma and unbound brain concentrations of every
/// species, receptor signals, cascade states and the rates handed to the structural rules. Used by
/// `agentspines cascade` and the drug figures; times are hours after day 0 (the first dose).
/// </summary>
public static class CascadeTrace
{
    public sealed record Row(double HoursAfterDay0, double[] PlasmaUM, double[] BrainUM, double[] Signals, CascadeState State, StepEnvironment Environment);

    public static List<Row> Run(DrugRegime regime, Arm arm, IEnumerable<double> hoursAfterDay0, double sensitivity = 1)
    {
        var exposure = regime.ForAnimal(arm, sensitivity);
        var pk = new Pk.PkTimeCourse(regime.Pk, arm == Arm.Drug && regime.HasDrug ? regime.Doses : [], 0);
        var rows = new List<Row>();
        int n = regime.Pk.Species.Count;
        var brain = new double[n];
        foreach (double h in hoursAfterDay0.OrderBy(x => x))
        {
            double t = regime.ReferenceTimeH + h;
            if (t < 0) continue;
            // the environment of the step starting at t - StepH/2 is read at t
            var env = exposure.At(t - 0.5 * regime.StepH);
            var state = pk.AdvanceTo(t);
            var plasma = new double[n];
            for (int i = 0; i < n; i++) { plasma[i] = regime.Pk.PlasmaUM(state, i); brain[i] = regime.Pk.BrainUnboundUM(state, i); }
            var signals = new double[ReceptorLayer.TargetCount];
            regime.Receptors.Signals(brain, signals, sensitivity);
            rows.Add(new Row(h, plasma, (double[])brain.Clone(), signals, exposure.State, env));
        }
        return rows;
    }

    public static string Csv(DrugRegime regime, IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        var species = regime.Pk.Species.Select(s => s.Name).ToArray();
        var targets = Enum.GetNames<ReceptorTarget>();
        sb.Append("hours");
        foreach (var s in species) sb.Append(",plasma_um_").Append(s).Append(",brain_um_").Append(s);
        foreach (var t in targets) sb.Append(",signal_").Append(t);
        foreach (var s in CascadeState.Names) sb.Append(",state_").Append(s);
        sb.AppendLine(",formation_mult,transient_elim_mult,persistent_elim_mult,enlargement_log_per_day,stabilisation_mult,filopodia_per_um_per_h,d1_activation,delta_fosb");
        string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        foreach (var r in rows)
        {
            sb.Append(F(r.HoursAfterDay0));
            for (int i = 0; i < species.Length; i++) sb.Append(',').Append(F(r.PlasmaUM[i])).Append(',').Append(F(r.BrainUM[i]));
            foreach (double s in r.Signals) sb.Append(',').Append(F(s));
            for (int i = 0; i < CascadeState.Count; i++) sb.Append(',').Append(F(r.State[i]));
            var e = r.Environment;
            sb.Append(',').Append(F(e.FormationMultiplier)).Append(',').Append(F(e.TransientEliminationMultiplier)).Append(',').Append(F(e.PersistentEliminationMultiplier))
              .Append(',').Append(F(e.EnlargementLogPerH * 24)).Append(',').Append(F(e.StabilisationMultiplier)).Append(',').Append(F(e.FilopodiaPerUmPerH))
              .Append(',').Append(F(e.D1Activation)).Append(',').Append(F(e.DeltaFosB)).AppendLine();
        }
        return sb.ToString();
    }
}
