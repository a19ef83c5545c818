using System.Diagnostics;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// Builds an <see cref="EpisodeResponseSurface"/> with the fast solver. Each non-fixed axis starts with
/// <see cref="EpisodeSurfaceSpec.InitialNodes"/> nodes uniform in the logarithm. Refinement: for every interval
/// of an axis, the solver runs at the interval's midpoint for every node combination of the other axes; where
/// linear interpolation (of the log quantities) misses any quantity by more than the tolerance, the midpoint
/// becomes a node plane. Axes are refined in turn until no interval splits, so nodes gather where the surface
/// bends (small heads, thin necks). The finished surface is then compared with the solver at random points; if
/// the largest error exceeds <see cref="EpisodeSurfaceSpec.VerifiedErrorLimit"/> the tolerance is halved and
/// refinement continues. Every solver run is independent, so batches run on all cores; the result does not depend
/// on the thread count.
/// </summary>
public static class EpisodeSurfaceBuilder
{
    private const int Q = EpisodeResponse.QuantityCount;
    private const int Axes = EpisodeSurfaceSpec.AxisCount;

    public static EpisodeResponseSurface Build(EpisodeSurfaceSpec spec, Action<string>? log = null)
    {
        spec.Validate();
        var sw = Stopwatch.StartNew();
        int fine = (spec.InitialNodes - 1) << spec.MaxRefinements;
        var lo = new double[Axes];
        var step = new double[Axes];
        var ks = new List<int>[Axes];
        for (int a = 0; a < Axes; a++)
        {
            var r = spec.Range(a);
            lo[a] = Math.Log(r.Min);
            if (r.IsFixed) { step[a] = 0; ks[a] = [0]; continue; }
            step[a] = (Math.Log(r.Max) - lo[a]) / fine;
            ks[a] = Enumerable.Range(0, spec.InitialNodes).Select(i => i << spec.MaxRefinements).ToList();
        }
        var model = new FastEpisodeModel(spec.Parameters, spec.Solver, spec.Nmda);
        var memo = new Dictionary<Key5, double[]>();
        int solves = 0;

        double[] Point(in Key5 k)
        {
            var x = new double[Axes];
            for (int a = 0; a < Axes; a++)
            {
                var r = spec.Range(a);
                // the ends exactly (exp(log(50)) can be 49.999..., which a shape rule at 50 nm would refuse)
                x[a] = r.IsFixed || k[a] == 0 ? r.Min : k[a] == fine ? r.Max : Math.Clamp(Math.Exp(lo[a] + step[a] * k[a]), r.Min, r.Max);
            }
            return x;
        }

        void Evaluate(IEnumerable<Key5> wanted)
        {
            var todo = wanted.Where(k => !memo.ContainsKey(k)).Distinct().ToArray();
            if (todo.Length == 0) return;
            if (memo.Count + todo.Length > spec.MaxNodes * 4L)
                throw new AgentSpinesInputException($"episode surface: more than {spec.MaxNodes * 4} solver runs needed; widen the tolerance or narrow the ranges");
            var results = new double[todo.Length][];
            Parallel.For(0, todo.Length, i => results[i] = LogResponse(model, spec, Point(todo[i])));
            for (int i = 0; i < todo.Length; i++) memo[todo[i]] = results[i];
            solves += todo.Length;
        }

        double tol = spec.RefineTolerance;
        double verified = double.NaN;
        int verifiedPoints = 0;
        for (int round = 0; ; round++)
        {
            Evaluate(Tensor(ks));
            Refine(spec, ks, tol, Evaluate, memo, log);
            Evaluate(Tensor(ks));
            var surface = Assemble(spec, lo, step, ks, memo, verified, verifiedPoints, sw.Elapsed.TotalSeconds);
            (verified, verifiedPoints) = Verify(surface, spec);
            log?.Invoke($"episode surface: round {round}, tolerance {tol:G3}, {surface.NodeCount} nodes, {solves} solver runs, " +
                        $"max error {verified:G3} at {verifiedPoints} random points, {sw.Elapsed.TotalSeconds:F1} s");
            if (verified <= spec.VerifiedErrorLimit || round >= 3 || tol / 2 < 1e-5)
                return Assemble(spec, lo, step, ks, memo, verified, verifiedPoints, sw.Elapsed.TotalSeconds);
            tol /= 2;
        }
    }

    private static void Refine(EpisodeSurfaceSpec spec, List<int>[] ks, double tol, Action<IEnumerable<Key5>> evaluate,
        Dictionary<Key5, double[]> memo, Action<string>? log)
    {
        bool split = true;
        while (split)
        {
            split = false;
            for (int a = 0; a < Axes; a++)
            {
                if (ks[a].Count < 2) continue;
                var nodes = ks[a];
                var intervals = Enumerable.Range(0, nodes.Count - 1).Where(i => nodes[i + 1] - nodes[i] >= 2).ToList();
                if (intervals.Count == 0) continue;
                var others = Others(ks, a).ToList();
                evaluate(intervals.SelectMany(i => others.Select(o => o.With(a, (nodes[i] + nodes[i + 1]) / 2))));
                var add = new List<int>();
                foreach (int i in intervals)
                {
                    int mid = (nodes[i] + nodes[i + 1]) / 2;
                    double worst = 0;
                    foreach (var o in others)
                    {
                        var l = memo[o.With(a, nodes[i])];
                        var r = memo[o.With(a, nodes[i + 1])];
                        var m = memo[o.With(a, mid)];
                        for (int q = 0; q < Q; q++)
                        {
                            double e = Math.Abs(Math.Exp(0.5 * (l[q] + r[q]) - m[q]) - 1);
                            if (e > worst) worst = e; // NaN (a corner the solver cannot run) never splits
                        }
                    }
                    if (worst > tol) add.Add(mid);
                }
                if (add.Count == 0) continue;
                nodes.AddRange(add);
                nodes.Sort();
                split = true;
                log?.Invoke($"episode surface: axis {(SurfaceAxis)a}: {add.Count} intervals split, {nodes.Count} nodes");
            }
        }
    }

    /// <summary>Every node combination of the axes other than a (a's own index left 0).</summary>
    private static IEnumerable<Key5> Others(List<int>[] ks, int a)
    {
        var lists = Enumerable.Range(0, Axes).Select(b => b == a ? new List<int> { 0 } : ks[b]).ToArray();
        foreach (int k0 in lists[0]) foreach (int k1 in lists[1]) foreach (int k2 in lists[2]) foreach (int k3 in lists[3]) foreach (int k4 in lists[4])
            yield return new Key5(k0, k1, k2, k3, k4);
    }

    private static IEnumerable<Key5> Tensor(List<int>[] ks) => Others(ks, -1);

    private static EpisodeResponseSurface Assemble(EpisodeSurfaceSpec spec, double[] lo, double[] step, List<int>[] ks,
        Dictionary<Key5, double[]> memo, double verified, int verifiedPoints, double seconds)
    {
        var nodes = new double[Axes][];
        for (int a = 0; a < Axes; a++)
            nodes[a] = spec.Range(a).IsFixed ? [Math.Log(spec.Range(a).Min)] : ks[a].Select(k => lo[a] + step[a] * k).ToArray();
        var values = new List<double>();
        foreach (var k in Tensor(ks)) values.AddRange(memo[k]);
        return new EpisodeResponseSurface(spec, spec.Key(), nodes, values.ToArray(), verified, verifiedPoints, seconds);
    }

    /// <summary>Largest relative error against the fast solver at random points inside the grid (deterministic sample).</summary>
    public static (double MaxRelError, int Points) Verify(EpisodeResponseSurface surface, EpisodeSurfaceSpec spec, int? points = null, int seed = 17)
    {
        int n = points ?? spec.VerificationPoints;
        var rng = new Random(seed);
        var xs = new List<double[]>();
        for (int i = 0; i < n; i++)
        {
            var x = new double[Axes];
            for (int a = 0; a < Axes; a++)
            {
                var r = spec.Range(a);
                x[a] = r.IsFixed ? r.Min : Math.Exp(Math.Log(r.Min) + rng.NextDouble() * (Math.Log(r.Max) - Math.Log(r.Min)));
            }
            xs.Add(x);
        }
        var errors = new double[xs.Count];
        var model = new FastEpisodeModel(spec.Parameters, spec.Solver, spec.Nmda);
        Parallel.For(0, xs.Count, i =>
        {
            errors[i] = double.NaN;
            if (!surface.TryInterpolate(xs[i], out var interp)) return;
            var exact = LogResponse(model, spec, xs[i]);
            if (double.IsNaN(exact[0])) return;
            errors[i] = interp.MaxRelativeError(new EpisodeResponse(Math.Exp(exact[0]), Math.Exp(exact[1]), Math.Exp(exact[2])));
        });
        var valid = errors.Where(e => !double.IsNaN(e)).ToArray();
        return (valid.Length == 0 ? 0 : valid.Max(), valid.Length);
    }

    /// <summary>Log of each quantity from the fast solver, or NaN for all when the shape is invalid or a quantity is not positive.</summary>
    internal static double[] LogResponse(FastEpisodeModel model, EpisodeSurfaceSpec spec, double[] x)
    {
        var none = new[] { double.NaN, double.NaN, double.NaN };
        if (!EpisodeResponseSurface.IsValidShape(spec, x)) return none;
        EpisodeResponse r;
        try
        {
            var (g, input) = spec.At(x);
            r = EpisodeResponse.From(model.Run(g, input));
        }
        catch (AgentSpinesInputException)
        {
            return none;
        }
        var v = new double[Q];
        for (int q = 0; q < Q; q++)
        {
            if (!(r[q] > 0) || !double.IsFinite(r[q])) return none;
            v[q] = Math.Log(r[q]);
        }
        return v;
    }

    private readonly record struct Key5(int K0, int K1, int K2, int K3, int K4)
    {
        public int this[int a] => a switch { 0 => K0, 1 => K1, 2 => K2, 3 => K3, _ => K4 };
        public Key5 With(int a, int k) => a switch
        {
            0 => this with { K0 = k }, 1 => this with { K1 = k }, 2 => this with { K2 = k }, 3 => this with { K3 = k }, _ => this with { K4 = k },
        };
    }
}
