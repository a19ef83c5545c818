using System.Runtime.CompilerServices;

namespace AgentSpines.EventLog.Encoding;

/// <summary>
/// Builds a dictionary of strings. Event-log strings are mostly the same few interned instances, so a small
/// direct-mapped cache keyed by object identity answers most lookups before the ordinal hash map is consulted.
/// Gives up when the entries or their UTF-8 bytes exceed the limits (the column is then written PLAIN).
/// </summary>
internal sealed class StringDictionaryBuilder
{
    private const int CacheSize = 64;
    private readonly Dictionary<string, int> _map = new(StringComparer.Ordinal);
    private readonly List<string> _entries = new();
    private readonly string?[] _cacheKeys = new string?[CacheSize];
    private readonly int[] _cacheValues = new int[CacheSize];

    public int Count => _entries.Count;
    public IReadOnlyList<string> Entries => _entries;
    public long PlainByteCount { get; private set; }

    public bool TryBuild(ReadOnlySpan<string> values, Span<int> indices, int maxEntries, long maxBytes)
    {
        _map.Clear();
        _entries.Clear();
        Array.Clear(_cacheKeys);
        PlainByteCount = 0;
        for (int i = 0; i < values.Length; i++)
        {
            string v = values[i];
            int slot = RuntimeHelpers.GetHashCode(v) & (CacheSize - 1);
            if (ReferenceEquals(_cacheKeys[slot], v))
            {
                indices[i] = _cacheValues[slot];
                continue;
            }
            if (!_map.TryGetValue(v, out int idx))
            {
                idx = _entries.Count;
                _map.Add(v, idx);
                _entries.Add(v);
                PlainByteCount += 4 + System.Text.Encoding.UTF8.GetByteCount(v);
                if (_entries.Count > maxEntries || PlainByteCount > maxBytes) return false;
            }
            _cacheKeys[slot] = v;
            _cacheValues[slot] = idx;
            indices[i] = idx;
        }
        return true;
    }
}
