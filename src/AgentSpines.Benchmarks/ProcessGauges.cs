using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Benchmarks;

/// <summary>
/// What the benchmarks read about this process and the machine beside wall time: processor time, the peak resident
/// set (Linux VmHWM) and the 1-minute load average, since the machine may be shared. NaN where /proc is not there.
/// </summary>
public static class ProcessGauges
{
    /// <summary>Processor time of the whole process, all threads, in seconds.</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>The machine's 1-minute load average (other processes sharing the cores).</summary>
    public static double LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return double.NaN; }
    }

    /// <summary>
    /// The widest vector instructions the engine's hot loops use here ("avx512", "avx2" or "scalar"): the same code runs
    /// its eight-lane forms with AVX-512 and four-lane ones with AVX2 only, so timings from different machines compare only
    /// with this beside them.
    /// </summary>
    public static string VectorIsa() => Avx512F.IsSupported && Avx512DQ.IsSupported ? "avx512" : Avx2.IsSupported ? "avx2" : "scalar";

    /// <summary>The process's peak resident set since start or the last <see cref="ResetPeakRss"/>, in MB.</summary>
    public static double PeakRssMb()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return double.NaN;
    }

    /// <summary>Starts a new peak (writing 5 to /proc/self/clear_refs resets VmHWM); nothing where that is not allowed.</summary>
    public static void ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
