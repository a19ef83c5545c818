using AgentSpines.Core.Random;

namespace AgentSpines.Core.Tests.Random;

/// <summary>Known-answer vectors of Random123 (kat_vectors, philox4x32 10): counter[4] key[2] -> output[4].</summary>
public class PhiloxKnownAnswerTests
{
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void MatchesRandom123(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Philox4x32.Generate(c0, c1, c2, c3, k0, k1, out var r0, out var r1, out var r2, out var r3);
        Assert.Equal(new[] { e0, e1, e2, e3 }, new[] { r0, r1, r2, r3 });
    }

    [Fact]
    public void StreamFirstBlockIsPhiloxOfItsCounter()
    {
        ulong seed = 0x299f31d0a4093822UL, entity = 0x0370734413198a2eUL;
        var s = new RandomStream(seed, entity, stream: 7);
        Philox4x32.Generate(0, 7u << 16, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out var r0, out var r1, out _, out _);
        Assert.Equal(r0, s.NextUInt32());
        Assert.Equal(r1, s.NextUInt32());
    }
}
