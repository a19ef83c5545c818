using System.Security.Cryptography;
using System.Text;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// Binary file of a surface: magic "ASPSURF1", format version, key (64 hex chars), the canonical spec text, the
/// log nodes of each axis, the log values, the verification figures (no time stamps: equal specs give equal bytes), and last the SHA-256 of all preceding bytes.
/// Read rejects (returns null) anything damaged or for another key; the caller then rebuilds.
/// </summary>
public static class EpisodeSurfaceFile
{
    private static readonly byte[] Magic = "ASPSURF1"u8.ToArray();

    public static byte[] Serialize(EpisodeResponseSurface s)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(EpisodeSurfaceSpec.FormatVersion);
            w.Write(s.Key);
            w.Write(s.Spec.CanonicalText());
            w.Write(s.LogNodes.Length);
            foreach (var n in s.LogNodes)
            {
                w.Write(n.Length);
                foreach (double v in n) w.Write(v);
            }
            w.Write(s.LogValues.Count);
            foreach (double v in s.LogValues) w.Write(v);
            w.Write(s.VerifiedMaxRelError);
            w.Write(s.VerifiedPoints); // no build time: the bytes depend on the spec only
        }
        var body = ms.ToArray();
        return [.. body, .. SHA256.HashData(body)];
    }

    /// <summary>The surface in the bytes, or null when they are damaged (checksum), of another format or for another spec.</summary>
    public static EpisodeResponseSurface? Deserialize(byte[] bytes, EpisodeSurfaceSpec spec)
    {
        if (bytes.Length < Magic.Length + 32) return null;
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32))) return null;
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 32), Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) return null;
            if (r.ReadInt32() != EpisodeSurfaceSpec.FormatVersion) return null;
            if (r.ReadString() != spec.Key()) return null;
            if (r.ReadString() != spec.CanonicalText()) return null;
            int axes = r.ReadInt32();
            if (axes != EpisodeSurfaceSpec.AxisCount) return null;
            var nodes = new double[axes][];
            for (int a = 0; a < axes; a++)
            {
                int n = r.ReadInt32();
                if (n < 1 || n > 1_000_000) return null;
                nodes[a] = new double[n];
                for (int i = 0; i < n; i++) nodes[a][i] = r.ReadDouble();
            }
            int count = r.ReadInt32();
            if (count < 0 || count > 100_000_000) return null;
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = r.ReadDouble();
            double err = r.ReadDouble();
            int points = r.ReadInt32();
            if (r.BaseStream.Position != r.BaseStream.Length) return null;
            return new EpisodeResponseSurface(spec, spec.Key(), nodes, values, err, points, 0);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException)
        {
            return null;
        }
    }
}
