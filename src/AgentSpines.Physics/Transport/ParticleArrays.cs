namespace AgentSpines.Physics.Transport;

/// <summary>
/// Struct-of-arrays state of the particles of one species. A free particle's position XUm is known at
/// LastTimeMs and it is captured at NextEventMs; a trapped one sits in spine Spine since LastTimeMs (its
/// capture) and leaves at NextEventMs, by release, or by reaction when ReactsNext is set.
/// </summary>
public sealed class ParticleArrays
{
    public readonly double[] XUm, X0Um, LastTimeMs, NextEventMs;
    public readonly int[] Laps, Spine;
    public readonly ParticleState[] State;
    public readonly bool[] ReactsNext;
    public readonly ulong[] RngWords, MotionRngWords;

    public ParticleArrays(int count)
    {
        XUm = new double[count]; X0Um = new double[count]; LastTimeMs = new double[count]; NextEventMs = new double[count];
        Laps = new int[count]; Spine = new int[count];
        State = new ParticleState[count]; ReactsNext = new bool[count]; RngWords = new ulong[count]; MotionRngWords = new ulong[count];
    }

    public int Count => XUm.Length;

    /// <summary>Displacement from the start, unwrapped across periodic ends, um.</summary>
    public double DisplacementUm(int i, double lengthUm) => XUm[i] + Laps[i] * lengthUm - X0Um[i];

    public ParticleRecord Read(int id) => new(id, XUm[id], X0Um[id], LastTimeMs[id], NextEventMs[id], Laps[id], Spine[id], State[id], ReactsNext[id], RngWords[id], MotionRngWords[id]);

    public void Write(in ParticleRecord r)
    {
        int i = r.Id;
        XUm[i] = r.XUm; X0Um[i] = r.X0Um; LastTimeMs[i] = r.LastTimeMs; NextEventMs[i] = r.NextEventMs;
        Laps[i] = r.Laps; Spine[i] = r.Spine; State[i] = r.State; ReactsNext[i] = r.ReactsNext; RngWords[i] = r.RngWords; MotionRngWords[i] = r.MotionRngWords;
    }
}

/// <summary>The full state of one particle as a value (what actors pass between each other).</summary>
public record struct ParticleRecord(int Id, double XUm, double X0Um, double LastTimeMs, double NextEventMs,
    int Laps, int Spine, ParticleState State, bool ReactsNext, ulong RngWords, ulong MotionRngWords);
