using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// Binds configuration onto typed options, refusing what the standard binder lets pass silently: unknown keys
/// (typos), values that do not parse as the property's type, and values that fail validation. Supports
/// double, float, int, long, ulong, bool, string, enums, nested option classes, List&lt;T&gt;, T[] and
/// Dictionary&lt;string, T&gt;. Properties keep their defaults when the config does not mention them.
/// </summary>
public static class StrictBinder
{
    public static T Bind<T>(IConfiguration config, string prefix = "") where T : new()
    {
        var target = new T();
        BindObject(target, config, prefix);
        ValidateTree(target, new ConfigValidator(prefix));
        return target;
    }

    private static void BindObject(object target, IConfiguration section, string path)
    {
        var props = WritableProperties(target.GetType());
        foreach (var child in section.GetChildren())
        {
            string key = Join(path, child.Key);
            if (!props.TryGetValue(child.Key, out var prop))
                throw new ConfigException(key, $"unknown config key '{key}' (allowed here: {string.Join(", ", props.Values.Select(p => p.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal))})");
            // Keys are matched to the letter: a unit's case is part of its meaning (CurrentPA is picoampere, Pa would be pascal).
            if (!string.Equals(prop.Name, child.Key, StringComparison.Ordinal))
                throw new ConfigException(key, $"unknown config key '{key}' (keys are case-sensitive; did you mean '{Join(path, prop.Name)}'?)");
            object? current = prop.GetValue(target);
            object? value = Convert(prop.PropertyType, child, key, current);
            prop.SetValue(target, value);
        }
    }

    private static object? Convert(Type type, IConfigurationSection section, string key, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        bool hasChildren = section.GetChildren().Any();
        if (underlying != null)
        {
            if (section.Value is null && !hasChildren) return null;
            type = underlying;
        }
        if (IsScalar(type))
        {
            if (hasChildren) throw new ConfigException(key, $"config key '{key}' must be a single value, not a section");
            return ParseScalar(type, section.Value, key);
        }
        if (type.IsArray)
        {
            var list = ConvertList(type.GetElementType()!, section, key);
            var array = Array.CreateInstance(type.GetElementType()!, list.Count);
            list.CopyTo(array, 0);
            return array;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = ConvertList(type.GetGenericArguments()[0], section, key);
            return list;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            if (type.GetGenericArguments()[0] != typeof(string)) throw new InvalidOperationException($"{key}: only string-keyed dictionaries are supported");
            var valueType = type.GetGenericArguments()[1];
            var dict = (IDictionary)(current ?? Activator.CreateInstance(type)!);
            foreach (var child in section.GetChildren())
                dict[child.Key] = Convert(valueType, child, Join(key, child.Key), dict.Contains(child.Key) ? dict[child.Key] : null);
            return dict;
        }
        if (section.Value is null && !hasChildren) return current; // JSON null: keep the default
        if (section.Value is not null && !hasChildren)
        {
            if (section.Value.Length == 0) return current; // an empty JSON object or explicit empty string keeps defaults
            throw new ConfigException(key, $"config key '{key}' = '{section.Value}' must be a section (object) of type {type.Name}");
        }
        var target = current ?? Activator.CreateInstance(type) ?? throw new InvalidOperationException($"cannot create {type}");
        BindObject(target, section, key);
        return target;
    }

    private static IList ConvertList(Type elementType, IConfigurationSection section, string key)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        var children = section.GetChildren().ToList();
        if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
            throw new ConfigException(key, $"config key '{key}' = '{section.Value}' must be a list");
        var indexed = new SortedDictionary<int, IConfigurationSection>();
        foreach (var c in children)
        {
            if (!int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                throw new ConfigException(Join(key, c.Key), $"config key '{key}' must be a list, but has key '{c.Key}'");
            indexed[i] = c;
        }
        int expected = 0;
        foreach (var (i, c) in indexed)
        {
            if (i != expected) throw new ConfigException(Join(key, c.Key), $"config key '{key}' has a gap at index {expected}");
            list.Add(Convert(elementType, c, Join(key, c.Key), null));
            expected++;
        }
        return list;
    }

    private static bool IsScalar(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);

    private static object? ParseScalar(Type type, string? raw, string key)
    {
        if (type == typeof(string)) return raw;
        string s = (raw ?? "").Trim();
        object? result = null;
        bool ok;
        if (type == typeof(double)) { ok = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d); result = d; }
        else if (type == typeof(float)) { ok = float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f); result = f; }
        else if (type == typeof(int)) { ok = int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i); result = i; }
        else if (type == typeof(long)) { ok = long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l); result = l; }
        else if (type == typeof(ulong)) { ok = ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var u); result = u; }
        else if (type == typeof(bool)) { ok = bool.TryParse(s, out var b); result = b; }
        else if (type.IsEnum)
        {
            ok = Enum.TryParse(type, s.Replace("-", "").Replace("_", ""), ignoreCase: true, out result) && !int.TryParse(s, out _) && Enum.IsDefined(type, result!);
            if (!ok) throw new ConfigException(key, $"config key '{key}' = '{raw}' is not allowed: one of {string.Join(", ", Enum.GetNames(type))}");
        }
        else throw new InvalidOperationException($"{key}: unsupported option type {type}");
        if (!ok) throw new ConfigException(key, $"config key '{key}' = '{raw}' is not allowed: {Describe(type)}");
        return result;
    }

    private static string Describe(Type t) => t == typeof(double) || t == typeof(float) ? "a finite number"
        : t == typeof(bool) ? "true or false"
        : t == typeof(ulong) ? "a non-negative integer"
        : "an integer";

    private static Dictionary<string, PropertyInfo> WritableProperties(Type t)
    {
        var d = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<ConfigIgnoreAttribute>() == null) d[p.Name] = p;
        return d;
    }

    /// <summary>Calls Validate on every IValidatable in the tree, children first.</summary>
    public static void ValidateTree(object? node, ConfigValidator v)
    {
        if (node is null || IsScalar(node.GetType())) return;
        if (node is IDictionary dict)
        {
            foreach (DictionaryEntry e in dict) ValidateTree(e.Value, v.Child(e.Key.ToString()!));
            return;
        }
        if (node is IList list)
        {
            for (int i = 0; i < list.Count; i++) ValidateTree(list[i], v.Child(i.ToString(CultureInfo.InvariantCulture)));
            return;
        }
        foreach (var p in WritableProperties(node.GetType()).Values.Distinct())
        {
            var child = p.GetValue(node);
            if (child != null && !IsScalar(child.GetType())) ValidateTree(child, v.Child(p.Name));
        }
        if (node is IValidatable val) val.Validate(v);
    }

    private static string Join(string a, string b) => string.IsNullOrEmpty(a) ? b : a + ":" + b;
}

/// <summary>Marks a property the binder must not set from configuration (derived or runtime values).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigIgnoreAttribute : Attribute;
