namespace AgentSpines.Actors;

/// <summary>
/// A queued message with its canonical sort key: the sender's id, then the sender's own send counter. The id is
/// copied at send time so that ordering a round's messages never reads the sender cells again.
/// </summary>
internal readonly struct Envelope(ActorCell sender, ulong sequence, ActorCell target, object message)
{
    public readonly ulong SenderId = sender.Id;
    public readonly ulong Sequence = sequence;
    public readonly ActorCell Sender = sender;
    public readonly ActorCell Target = target;
    public readonly object Message = message;

    public bool Precedes(in Envelope other) => SenderId < other.SenderId || (SenderId == other.SenderId && Sequence < other.Sequence);
}

/// <summary>Canonical delivery order: sender id, then send sequence (a struct, so sorting inlines the comparison).</summary>
internal readonly struct CanonicalOrder : IComparer<Envelope>
{
    public int Compare(Envelope a, Envelope b)
        => a.SenderId != b.SenderId ? a.SenderId.CompareTo(b.SenderId) : a.Sequence.CompareTo(b.Sequence);
}
