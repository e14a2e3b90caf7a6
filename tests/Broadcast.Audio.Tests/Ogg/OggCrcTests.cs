using Broadcast.Audio.Ogg;

namespace Broadcast.Audio.Tests.Ogg;

public sealed class OggCrcTests
{
    [Fact]
    public void Compute_CheckString_MatchesCatalogueValue()
    {
        // CRC-32/CKSUM (same polynomial, init 0, unreflected) has check 0x765E7680 with final XOR 0xFFFFFFFF;
        // the Ogg CRC omits that XOR, so its check value is the complement.
        Assert.Equal(~0x765E7680u, OggCrc.Compute("123456789"u8));
        Assert.Equal(~0x765E7680u, ReferenceOgg.BitwiseCrc("123456789"u8));
    }

    [Fact]
    public void Compute_RandomBuffers_MatchesBitwiseReference()
    {
        var rng = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            var data = new byte[rng.Next(0, 3000)];
            rng.NextBytes(data);

            Assert.Equal(ReferenceOgg.BitwiseCrc(data), OggCrc.Compute(data));
        }
    }

    [Fact]
    public void Update_InPieces_EqualsWholeBuffer()
    {
        var data = new byte[1000];
        new Random(9).NextBytes(data);

        var pieces = OggCrc.Update(OggCrc.Update(0, data.AsSpan(0, 333)), data.AsSpan(333));

        Assert.Equal(OggCrc.Compute(data), pieces);
    }
}
