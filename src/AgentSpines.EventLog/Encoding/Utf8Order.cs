namespace AgentSpines.EventLog.Encoding;

/// <summary>
/// Compares .NET strings in the order of their UTF-8 bytes (unsigned), which is Parquet's order for STRING
/// statistics. Same as ordinal UTF-16 order except that surrogates (code points above U+FFFF) sort after U+E000..U+FFFF.
/// </summary>
internal static class Utf8Order
{
    public static int Compare(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        int i = a.AsSpan(0, n).CommonPrefixLength(b.AsSpan(0, n));
        if (i == n) return a.Length.CompareTo(b.Length);
        return Rank(a[i]).CompareTo(Rank(b[i]));
    }

    private static int Rank(char c) => char.IsSurrogate(c) ? c + 0x10000 : c; // code points above U+FFFF sort last in UTF-8
}
