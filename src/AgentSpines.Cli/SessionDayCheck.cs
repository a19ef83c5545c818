using System.Globalization;
using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Cli;

/// <summary>
/// Imaging sessions must fall inside the run; a session outside it would be silently missing from the data. A
/// shorter run of a ready config gives its own sessions with a list override, e.g. `--Imaging:SessionDays=[-3,-1]`.
/// </summary>
public static class SessionDayCheck
{
    public static void Require(SimulationConfig c)
    {
        if (c.Run.Kind != RunKind.Population) return;
        double referenceDay = c.Regime.ReferenceDay;
        for (int i = 0; i < c.Imaging.SessionDays.Count; i++)
        {
            double day = c.Imaging.SessionDays[i];
            double runDay = referenceDay + day; // session days count from the regime's reference day (the papers' day 0)
            if (runDay < 0 || runDay > c.Run.DurationDays + 1e-9)
                throw new ConfigException($"Imaging:SessionDays:{i}",
                    $"config key 'Imaging:SessionDays:{i}' = {F(day)} is outside the run: with Regime:ReferenceDay = {F(referenceDay)} it falls on run day {F(runDay)}, " +
                    $"and the run lasts {F(c.Run.DurationDays)} days (Run:DurationDays); sessions may lie from day {F(-referenceDay)} to {F(c.Run.DurationDays - referenceDay)} " +
                    $"(give the whole list, e.g. --Imaging:SessionDays=[{F(-referenceDay)},{F(c.Run.DurationDays - referenceDay)}])");
        }
    }

    private static string F(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}
