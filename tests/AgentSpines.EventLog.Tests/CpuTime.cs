using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AgentSpines.EventLog.Tests;

/// <summary>CPU time, not wall time, for budgets that must hold on a loaded machine.</summary>
internal static class CpuTime
{
    private const int ClockThreadCpuTimeId = 3; // Linux CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec value);

    /// <summary>CPU time used by the calling thread (Linux); elsewhere the whole process's.</summary>
    public static TimeSpan CurrentThread()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
            return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static TimeSpan Process() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}
