using System.Numerics.Tensors;
using Assistant.Rag.Indexes;

namespace Assistant.Rag.Tests.Indexes;

public sealed class Int8QuantizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(384)]
    [InlineData(1000)]
    public void DotProductEqualsTheScalarSumForAnyLength(int length)
    {
        // Arrange: extreme codes too, to catch overflow in the widening steps.
        var random = new Random(length);
        var limit = (short)Int8Quantizer.MaxQueryCode(length);
        var query = Enumerable.Range(0, length).Select(i => i % 7 == 0 ? limit : (short)random.Next(-limit, limit + 1)).ToArray();
        var vector = Enumerable.Range(0, length).Select(i => i % 7 == 0 ? (sbyte)127 : (sbyte)random.Next(-127, 128)).ToArray();
        var expected = query.Zip(vector, (q, v) => (long)q * v).Sum();

        // Act
        var dot = Int8Quantizer.Dot(query, vector);

        // Assert
        Assert.Equal(expected, dot);
    }

    [Fact]
    public void QuantisedScoresAreWithinAThousandthOfTheExactCosine()
    {
        // Arrange
        var random = new Random(1);
        var a = TestVectors.Random(random, 384);
        var b = TestVectors.Near(random, a, 1f);
        var codes = new sbyte[384];
        var queryCodes = new short[384];

        // Act
        var scale = Int8Quantizer.Quantize(a, codes);
        var queryScale = Int8Quantizer.QuantizeQuery(b, queryCodes);
        var score = Int8Quantizer.Dot(queryCodes, codes) * scale * queryScale;

        // Assert
        Assert.Equal(TensorPrimitives.CosineSimilarity(a, b), score, 0.001f);
    }

    [Fact]
    public void AZeroVectorGetsZeroCodesAndScale()
    {
        // Arrange
        var codes = new sbyte[8];
        codes[0] = 5;

        // Act
        var scale = Int8Quantizer.Quantize(new float[8], codes);

        // Assert
        Assert.Equal(0f, scale);
        Assert.All(codes, c => Assert.Equal(0, c));
    }

    [Fact]
    public void ANaNComponentIsRejected()
    {
        // Arrange
        var vector = new float[] { 1f, float.NaN, 0f };

        // Act
        void Quantize() => Int8Quantizer.Quantize(vector, new sbyte[3]);

        // Assert
        Assert.Throws<ArgumentException>(Quantize);
    }
}
