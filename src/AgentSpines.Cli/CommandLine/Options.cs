using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AgentSpines.Cli.CommandLine;

/// <summary>
/// Option factories with the project's conventions: invariant-culture numbers checked against a range when
/// parsed (one clear line on a bad value), the unit in the name (`--duration-ms`) and the default in the help.
/// </summary>
public static class Options
{
    public static Option<int> Int(string name, string description, int min, int max, int defaultValue)
        => WithDefault(Number<int, long>(name, description, min, max, ParseLong, v => (int)v), defaultValue);

    /// <summary>An integer option whose absence means "decided elsewhere" (the config, the core count).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max)
        => Number<int?, long>(name, description, min, max, ParseLong, v => (int)v);

    public static Option<long> Long(string name, string description, long min, long max, long defaultValue)
        => WithDefault(Number<long, long>(name, description, min, max, ParseLong, v => v), defaultValue);

    public static Option<double> Double(string name, string description, double min, double max, double defaultValue)
        => WithDefault(Number<double, double>(name, description, min, max, ParseDouble, v => v), defaultValue);

    public static Option<double?> OptionalDouble(string name, string description, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        => Number<double?, double>(name, description, min, max, ParseDouble, v => v);

    /// <summary>A text option (a path, a URI, a name) shown as `--name VALUE` in the help.</summary>
    public static Option<string?> Text(string name, string valueName, string description, bool required = false)
        => NotEmpty(new Option<string?>(name) { Description = description, HelpName = valueName, Required = required });

    public static Option<string> Text(string name, string valueName, string description, string defaultValue)
        => NotEmpty(new Option<string>(name) { Description = description, HelpName = valueName, DefaultValueFactory = _ => defaultValue });

    /// <summary>An empty path, URI or name is never meant (e.g. `--out ""` from an unset shell variable).</summary>
    private static Option<T> NotEmpty<T>(Option<T> o)
    {
        o.Validators.Add(r =>
        {
            if (r.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) r.AddError($"{o.Name}: the value is empty");
        });
        return o;
    }

    /// <summary>A switch: `--json` (or `--json=true/false`).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    private static Option<T> WithDefault<T>(Option<T> o, T value)
    {
        o.DefaultValueFactory = _ => value;
        return o;
    }

    private static long ParseLong(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double ParseDouble(string s)
    {
        double d = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(d) ? d : throw new FormatException();
    }

    private static Option<T> Number<T, TRaw>(string name, string description, TRaw min, TRaw max, Func<string, TRaw> parse, Func<TRaw, T> convert)
        where TRaw : IComparable<TRaw>
    {
        string kind = typeof(TRaw) == typeof(double) ? "a number" : "an integer";
        var o = new Option<T>(name) { Description = description + RangeText(min, max), HelpName = typeof(TRaw) == typeof(double) ? "X" : "N" };
        o.CustomParser = (ArgumentResult r) =>
        {
            string s = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            TRaw v;
            try { v = parse(s); }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                r.AddError($"{name}: '{s}' is not {kind}");
                return default!;
            }
            if (v.CompareTo(min) < 0 || v.CompareTo(max) > 0)
            {
                r.AddError($"{name}: {s} is out of range [{Show(min)}, {Show(max)}]");
                return default!;
            }
            return convert(v);
        };
        return o;
    }

    private static string RangeText<TRaw>(TRaw min, TRaw max)
    {
        bool lowOpen = min is double dm && double.IsNegativeInfinity(dm) || min is long lm && (lm == long.MinValue || lm == int.MinValue);
        bool highOpen = max is double dx && double.IsPositiveInfinity(dx) || max is long lx && (lx == long.MaxValue || lx == int.MaxValue);
        if (lowOpen && highOpen) return "";
        if (highOpen) return $" (at least {Show(min)})";
        if (lowOpen) return $" (at most {Show(max)})";
        return $" ({Show(min)} to {Show(max)})";
    }

    private static string Show<TRaw>(TRaw v) => v switch
    {
        double d => d.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => v!.ToString()!,
    };
}
