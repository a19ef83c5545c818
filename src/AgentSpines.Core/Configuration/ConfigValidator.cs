using System.Runtime.CompilerServices;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// Range and consistency checks for options, each failing with one line that names the key, the value and
/// what is allowed. Use nameof for the key: <c>v.Positive(StepHours)</c> names "Run:StepHours".
/// </summary>
public sealed class ConfigValidator(string prefix)
{
    public string Prefix { get; } = prefix;

    public string KeyOf(string name) => string.IsNullOrEmpty(Prefix) ? name : Prefix + ":" + name;

    public ConfigValidator Child(string name) => new(KeyOf(name));

    public void Fail(string name, object? value, string allowed) => throw ConfigException.Value(KeyOf(name), value, allowed);

    public void Require(bool ok, string name, object? value, string allowed)
    {
        if (!ok) Fail(name, value, allowed);
    }

    public void Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(double.IsFinite(value), name, value, "a finite number");

    public void Positive(double value, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(double.IsFinite(value) && value > 0, name, value, "a finite number > 0");

    public void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(double.IsFinite(value) && value >= 0, name, value, "a finite number >= 0");

    public void Range(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(double.IsFinite(value) && value >= min && value <= max, name, value, $"a number in [{Fmt(min)}, {Fmt(max)}]");

    public void Range(long value, long min, long max, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(value >= min && value <= max, name, value, $"an integer in [{min}, {max}]");

    public void Fraction(double value, [CallerArgumentExpression(nameof(value))] string name = "")
        => Range(value, 0.0, 1.0, name);

    public void NotEmpty(string? value, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(!string.IsNullOrWhiteSpace(value), name, value, "a non-empty string");

    public void OneOf(string? value, IReadOnlyCollection<string> allowed, [CallerArgumentExpression(nameof(value))] string name = "")
        => Require(value != null && allowed.Contains(value), name, value, "one of " + string.Join(", ", allowed));

    private static string Fmt(double d) => d.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}
