using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Prefetch hints for the step over a block's segments: each segment's data lies in a few objects and arrays of its
/// own, about 12 spines' worth, so a step without hints waited on memory at every segment (profiled at a million
/// spines). A hint changes no value: the processor may ignore it, and an address a collection has since moved only
/// wastes the hint.
/// </summary>
internal static class MemoryHint
{
    private const int LineBytes = 64;

    /// <summary>The first cache line of an object (its type pointer and first fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? o)
    {
        if (o is null || !Sse.IsSupported) return;
        Sse.Prefetch0(*(void**)Unsafe.AsPointer(ref o));
    }

    /// <summary>
    /// The cache lines of array[0 .. count), count at most the array's length (not checked: reading the length
    /// would wait for the very line the hint is for).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Elements<T>(T[] array, int count) where T : struct
    {
        if (!Sse.IsSupported || count <= 0 || array is null) return;
        // the elements start two pointers into the array object (method table, length): taken from the reference itself,
        // as GetArrayDataReference would first load the array's header, the very line the hint is for
        byte* p = *(byte**)Unsafe.AsPointer(ref array) + 2 * sizeof(nint);
        int bytes = count * Unsafe.SizeOf<T>();
        for (int b = 0; b < bytes; b += LineBytes) Sse.Prefetch0(p + b);
        Sse.Prefetch0(p + bytes - 1);
    }

    /// <summary>The cache lines of array[start .. start + count) (not checked against the length, as above).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Elements<T>(T[] array, int start, int count) where T : struct
    {
        if (!Sse.IsSupported || count <= 0 || array is null) return;
        byte* p = *(byte**)Unsafe.AsPointer(ref array) + 2 * sizeof(nint) + (nint)start * Unsafe.SizeOf<T>();
        int bytes = count * Unsafe.SizeOf<T>();
        for (int b = 0; b < bytes; b += LineBytes) Sse.Prefetch0(p + b);
        Sse.Prefetch0(p + bytes - 1);
    }
}
