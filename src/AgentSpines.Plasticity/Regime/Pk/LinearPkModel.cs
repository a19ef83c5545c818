using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Regime.Pk;

/// <summary>
/// Linear compartmental pharmacokinetics of a regime's species, in molar amounts (umol/kg), integrated exactly:
/// between doses the state moves by exp(A dt) (MatrixExponential), a dose adds F * dose / molar mass to its
/// route's depot (or to the central compartment when absorption is instantaneous). State layout: per species a
/// central and (optionally) a peripheral compartment, then one depot per dosed (species, route).
/// A metabolite is formed from its parent's central compartment at FractionFormed x CL/V x amount, so a mole of
/// psilocybin makes a mole of psilocin (the molar conversion 204.27/284.25 g/g is implicit).
/// </summary>
public sealed class LinearPkModel
{
    private readonly SpeciesOptions[] _species;
    private readonly int[] _central, _peripheral;
    private readonly Dictionary<(int Species, string Route), int> _depot = new();
    private readonly double[,] _a;
    // shared by every animal of a run (exposures advance in parallel): a concurrent map; values depend only on dt
    private readonly System.Collections.Concurrent.ConcurrentDictionary<double, double[,]> _propagators = new();

    public int StateSize { get; }
    public IReadOnlyList<SpeciesOptions> Species => _species;

    public LinearPkModel(IReadOnlyList<SpeciesOptions> species, IEnumerable<(string Species, string Route)> dosedRoutes)
    {
        _species = species.ToArray();
        _central = new int[_species.Length];
        _peripheral = new int[_species.Length];
        int n = 0;
        for (int i = 0; i < _species.Length; i++)
        {
            _central[i] = n++;
            _peripheral[i] = _species[i].PeripheralVolumeLPerKg > 0 ? n++ : -1;
        }
        foreach (var (name, route) in dosedRoutes.Distinct())
        {
            int s = IndexOf(name);
            if (RateOf(s, route) > 0 && !_depot.ContainsKey((s, route))) _depot[(s, route)] = n++;
        }
        StateSize = n;
        _a = new double[n, n];
        for (int i = 0; i < _species.Length; i++)
        {
            var o = _species[i];
            int c = _central[i];
            double ke = o.ClearanceLPerHPerKg() / o.VolumeLPerKg;
            _a[c, c] -= ke;
            if (_peripheral[i] >= 0)
            {
                int p = _peripheral[i];
                double q = o.DistributionClearanceLPerHPerKg;
                _a[c, c] -= q / o.VolumeLPerKg;
                _a[p, c] += q / o.VolumeLPerKg;
                _a[p, p] -= q / o.PeripheralVolumeLPerKg;
                _a[c, p] += q / o.PeripheralVolumeLPerKg;
            }
            if (o.FormedFrom.Length > 0)
            {
                int parent = IndexOf(o.FormedFrom);
                var po = _species[parent];
                _a[c, _central[parent]] += o.FractionFormed * po.ClearanceLPerHPerKg() / po.VolumeLPerKg;
            }
        }
        foreach (var ((s, route), d) in _depot)
        {
            double ka = RateOf(s, route);
            _a[d, d] -= ka;
            _a[_central[s], d] += ka;
        }
    }

    public int IndexOf(string name)
    {
        for (int i = 0; i < _species.Length; i++) if (_species[i].Name == name) return i;
        throw new ArgumentException($"no species named '{name}'");
    }

    private AbsorptionOptions AbsorptionOf(int s, string route) =>
        _species[s].Absorption.TryGetValue(route, out var a) ? a : new AbsorptionOptions { RatePerH = 0, Bioavailability = 1 };

    private double RateOf(int s, string route) => route == "iv" ? 0 : AbsorptionOf(s, route).RatePerH;

    public double[] NewState() => new double[StateSize];

    /// <summary>Adds one dose (mg/kg) of species s by route: F * dose / M umol/kg to the depot or the central compartment.</summary>
    public void Dose(double[] state, int s, string route, double mgPerKg)
    {
        var ab = AbsorptionOf(s, route);
        double umolPerKg = (route == "iv" ? 1 : ab.Bioavailability) * mgPerKg / _species[s].MolarMassGPerMol * 1000;
        int target = _depot.TryGetValue((s, route), out int d) ? d : _central[s];
        state[target] += umolPerKg;
    }

    /// <summary>Moves the state dt hours forward, exactly (propagators are cached per dt).</summary>
    public void Propagate(double[] state, double dtH)
    {
        if (dtH <= 0) return;
        if (!_propagators.TryGetValue(dtH, out var e))
        {
            e = MatrixExponential.Of(_a, dtH);
            if (_propagators.Count < 64) _propagators.TryAdd(dtH, e);
        }
        var tmp = new double[StateSize];
        MatrixExponential.Apply(e, state, tmp);
        Array.Copy(tmp, state, StateSize);
    }

    /// <summary>Total plasma concentration (uM = umol/L) of species s.</summary>
    public double PlasmaUM(double[] state, int s) => Math.Max(0, state[_central[s]]) / _species[s].VolumeLPerKg;

    /// <summary>Unbound brain concentration (uM): unbound plasma concentration times Kp,uu.</summary>
    public double BrainUnboundUM(double[] state, int s) => PlasmaUM(state, s) * _species[s].UnboundFraction * _species[s].BrainPartition;

    /// <summary>Total plasma concentration in mg/L.</summary>
    public double PlasmaMgPerL(double[] state, int s) => PlasmaUM(state, s) * _species[s].MolarMassGPerMol / 1000;
}
