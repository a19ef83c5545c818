using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime.Pk;

namespace AgentSpines.Plasticity.Tests.Pharmacology;

/// <summary>The linear PK model against closed forms: bolus, Bateman, AUC = F Dose / CL, superposition, metabolites.</summary>
public class PharmacokineticsTests
{
    private static SpeciesOptions Drug(double halfLifeH, double v, double ka, double f, string route = "ip") => new()
    {
        Name = "d", MolarMassGPerMol = 250, VolumeLPerKg = v, HalfLifeH = halfLifeH,
        Absorption = new() { [route] = new AbsorptionOptions { RatePerH = ka, Bioavailability = f } },
    };

    private static double[] Plasma(LinearPkModel m, IEnumerable<DoseEvent> doses, double t) => PkTimeCourse.PlasmaAt(m, doses, t);

    [Theory]
    [InlineData(0.22)]
    [InlineData(3.0)]
    public void IvBolusDecaysWithTheHalfLife(double halfLifeH)
    {
        var m = new LinearPkModel([Drug(halfLifeH, 2, 0, 1, "iv")], [("d", "iv")]);
        var doses = new[] { new DoseEvent(0, 0, "iv", 10) };
        double c0 = 10.0 / 250 * 1000 / 2; // umol/L
        Assert.Equal(c0, Plasma(m, doses, 0)[0], 9);
        Assert.Equal(c0 / 2, Plasma(m, doses, halfLifeH)[0], 9);
        Assert.Equal(c0 / 8, Plasma(m, doses, 3 * halfLifeH)[0], 9);
    }

    [Theory]
    [InlineData("ip", 12.0, 0.9)]
    [InlineData("sc", 4.0, 0.8)]
    [InlineData("po", 1.5, 0.2)]
    public void FirstOrderAbsorptionIsTheBatemanFunction(string route, double ka, double f)
    {
        double t12 = 0.8, v = 3, dose = 10;
        var m = new LinearPkModel([Drug(t12, v, ka, f, route)], [("d", route)]);
        var doses = new[] { new DoseEvent(1, 0, route, dose) };
        double ke = Math.Log(2) / t12, c = f * dose / 250 * 1000 / v;
        foreach (double u in new[] { 0.05, 0.3, 1, 2.5, 6 })
        {
            double bateman = c * ka / (ka - ke) * (Math.Exp(-ke * u) - Math.Exp(-ka * u));
            Assert.Equal(bateman, Plasma(m, doses, 1 + u)[0], 9);
        }
        double tMax = Math.Log(ka / ke) / (ka - ke);
        var tc = new PkTimeCourse(m, doses);
        double before = m.PlasmaUM(tc.AdvanceTo(1 + tMax - 0.01), 0), peak = m.PlasmaUM(tc.AdvanceTo(1 + tMax), 0), after = m.PlasmaUM(tc.AdvanceTo(1 + tMax + 0.01), 0);
        Assert.True(peak > before && peak > after);
    }

    [Fact]
    public void AreaUnderTheCurveIsBioavailableDoseOverClearanceForEveryRoute()
    {
        foreach (var (route, ka, f) in new[] { ("ip", 10.0, 0.9), ("sc", 3.0, 0.7), ("po", 1.0, 0.3), ("iv", 0.0, 1.0) })
        {
            var sp = Drug(0.5, 4, ka, f, route);
            var m = new LinearPkModel([sp], [("d", route)]);
            var tc = new PkTimeCourse(m, [new DoseEvent(0, 0, route, 20)]);
            double auc = 0, dt = 0.001, prev = m.PlasmaUM(tc.AdvanceTo(0), 0);
            for (double t = dt; t <= 30; t += dt) { double c = m.PlasmaUM(tc.AdvanceTo(t), 0); auc += 0.5 * (prev + c) * dt; prev = c; }
            double expected = f * 20 / 250 * 1000 / sp.ClearanceLPerHPerKg(); // umol h / L
            Assert.Equal(1, auc / expected, 4);
        }
    }

    [Fact]
    public void RepeatedDosesSuperposeExactly()
    {
        var m = new LinearPkModel([Drug(1.5, 2, 3, 0.8)], [("d", "ip")]);
        var one = new[] { new DoseEvent(0, 0, "ip", 5) };
        var three = new[] { new DoseEvent(0, 0, "ip", 5), new DoseEvent(2, 0, "ip", 5), new DoseEvent(4.5, 0, "ip", 5) };
        foreach (double t in new[] { 0.7, 2.0, 3.3, 4.5, 6, 12 })
        {
            double sum = three.Where(d => d.TimeH <= t).Sum(d => Plasma(m, [one[0] with { TimeH = 0 }], t - d.TimeH)[0]);
            Assert.Equal(sum, Plasma(m, three, t)[0], 9);
        }
    }

    [Fact]
    public void TwoCompartmentsGiveTheBiexponentialOfTheClosedForm()
    {
        var sp = new SpeciesOptions { Name = "d", MolarMassGPerMol = 100, VolumeLPerKg = 1, HalfLifeH = 1, PeripheralVolumeLPerKg = 2, DistributionClearanceLPerHPerKg = 1.5 };
        var m = new LinearPkModel([sp], [("d", "iv")]);
        double k10 = Math.Log(2), k12 = 1.5, k21 = 0.75;
        double sum = k10 + k12 + k21, disc = Math.Sqrt(sum * sum - 4 * k10 * k21);
        double alpha = (sum + disc) / 2, beta = (sum - disc) / 2, c0 = 1.0 / 100 * 1000 / 1;
        double A = c0 * (alpha - k21) / (alpha - beta), B = c0 * (k21 - beta) / (alpha - beta);
        foreach (double t in new[] { 0.1, 0.5, 2, 8 })
            Assert.Equal(A * Math.Exp(-alpha * t) + B * Math.Exp(-beta * t), Plasma(m, [new DoseEvent(0, 0, "iv", 1)], t)[0], 9);
    }

    [Fact]
    public void ProdrugToMetaboliteConvertsMolesAndMatchesTheClosedForm()
    {
        // psilocybin (284.25 g/mol) -> psilocin (204.27 g/mol), fraction 0.53: psilocin AUC (mg h / L) = fm F Dose (204.27/284.25) / CL_m
        var parent = new SpeciesOptions { Name = "psilocybin", MolarMassGPerMol = 284.25, VolumeLPerKg = 1, HalfLifeH = 0.1 };
        var metabolite = new SpeciesOptions { Name = "psilocin", MolarMassGPerMol = 204.27, VolumeLPerKg = 3, HalfLifeH = 0.5, FormedFrom = "psilocybin", FractionFormed = 0.53 };
        var m = new LinearPkModel([parent, metabolite], [("psilocybin", "iv")]);
        var tc = new PkTimeCourse(m, [new DoseEvent(0, 0, "iv", 1)]);
        double auc = 0, dt = 0.0005;
        double prev = m.PlasmaMgPerL(tc.AdvanceTo(0), 1);
        for (double t = dt; t <= 15; t += dt) { double c = m.PlasmaMgPerL(tc.AdvanceTo(t), 1); auc += 0.5 * (prev + c) * dt; prev = c; }
        Assert.Equal(0.53 * 1 * 204.27 / 284.25 / metabolite.ClearanceLPerHPerKg(), auc, 4);
        // closed form of the metabolite after an iv parent bolus: fm k_p D/V_m (e^-kp t - e^-km t)/(km - kp)
        double kp = Math.Log(2) / 0.1, km = Math.Log(2) / 0.5, d = 1 / 284.25 * 1000;
        foreach (double t in new[] { 0.05, 0.3, 1.2 })
            Assert.Equal(0.53 * kp * d / 3 * (Math.Exp(-kp * t) - Math.Exp(-km * t)) / (km - kp), Plasma(m, [new DoseEvent(0, 0, "iv", 1)], t)[1], 9);
    }
}
