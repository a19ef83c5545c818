namespace AgentSpines.Core.Random;

/// <summary>
/// Named random streams: one entity draws independent sequences for independent purposes, so adding a draw
/// to one process (say, imaging) never shifts the numbers of another (say, size noise).
/// </summary>
public static class StreamId
{
    public const ushort Setup = 1;
    public const ushort SizeNoise = 2;
    public const ushort Formation = 3;
    public const ushort Elimination = 4;
    public const ushort LifeCycle = 5;
    public const ushort Activity = 6;
    public const ushort Transport = 7;
    public const ushort Imaging = 8;
    public const ushort Placement = 9;
    public const ushort Drug = 10;
    public const ushort Electrodiffusion = 11;
    public const ushort Supervision = 12;
    /// <summary>Random effects of an animal (entity 0) and of its dendrites (entity dendrite + 1): turnover, drug sensitivity.</summary>
    public const ushort RandomEffects = 13;
    /// <summary>Streams from 1000 up are free for tests and for new modules.</summary>
    public const ushort FirstFree = 1000;
}
