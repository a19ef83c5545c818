namespace AgentSpines.Actors;

/// <summary>
/// The messages told during one round by the actors that one worker ran (or, for the system's own buffer, told
/// between rounds), split by the partition of their target. Only that worker writes it during the round, so a
/// Tell needs no lock; afterwards worker k reads part k of every buffer and nothing else.
/// </summary>
internal sealed class MessageBuffer
{
    private readonly Envelope[][] _parts;
    private readonly int[] _counts;

    public MessageBuffer(ActorSystem owner, int partitions)
    {
        Owner = owner;
        _parts = new Envelope[partitions][];
        _counts = new int[partitions];
        for (int k = 0; k < partitions; k++) _parts[k] = [];
    }

    public ActorSystem Owner { get; }

    public bool IsEmpty
    {
        get
        {
            foreach (int c in _counts) if (c > 0) return false;
            return true;
        }
    }

    public void Add(int partition, in Envelope e)
    {
        ref int n = ref _counts[partition];
        var part = _parts[partition];
        if (n == part.Length)
        {
            Array.Resize(ref part, Math.Max(16, part.Length * 2));
            _parts[partition] = part;
        }
        part[n++] = e;
    }

    /// <summary>The messages for partition k, in the order they were told.</summary>
    public ReadOnlySpan<Envelope> Part(int k) => _parts[k].AsSpan(0, _counts[k]);

    /// <summary>Empties the buffer, dropping its references so delivered messages can be collected.</summary>
    public void Clear()
    {
        for (int k = 0; k < _parts.Length; k++)
        {
            Array.Clear(_parts[k], 0, _counts[k]);
            _counts[k] = 0;
        }
    }
}
