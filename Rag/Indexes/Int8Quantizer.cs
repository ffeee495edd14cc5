using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Assistant.Rag.Indexes;

/// <summary>
/// Symmetric int8 quantisation of stored vectors with one scale per vector, 16-bit quantisation of queries, and the
/// SIMD dot product between the two.
/// </summary>
/// <remarks>
/// A vector is L2-normalised, then scaled so its largest component maps to ±127. A per-vector scale (rather
/// than the fixed 1/127) uses the whole int8 range: components of a normalised 384-dimensional embedding rarely
/// exceed ±0.2, so a fixed scale would leave them about 25 distinct levels. Stateless and thread-safe.
/// </remarks>
internal static class Int8Quantizer
{
    /// <summary>
    /// Normalises <paramref name="vector"/> and writes its int8 codes to <paramref name="codes"/>.
    /// Returns the factor that turns an int8 dot product back into real units (the component value of code 1),
    /// or 0 for a zero vector, whose codes are all 0.
    /// </summary>
    /// <exception cref="ArgumentException">A component is NaN or infinite, or the norm overflows.</exception>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (!float.IsFinite(norm))
        {
            throw new ArgumentException("The vector has a NaN, infinite or out-of-range component.", nameof(vector));
        }

        var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(vector)); // MaxMagnitude keeps the sign
        if (norm == 0f || maxAbs == 0f)
        {
            codes.Clear();
            return 0f;
        }

        // Normalised component x maps to round(x / (maxAbs / norm) * 127); dividing by maxAbs alone does both steps.
        var toCode = 127f / maxAbs;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * toCode), -127f, 127f);
        }

        return maxAbs / norm / 127f;
    }

    /// <summary>
    /// Quantises a query to int16 codes, as finely as <see cref="Dot"/> allows without overflow for this length, and
    /// returns the factor that turns a code back into a normalised component (0 for a zero query).
    /// </summary>
    /// <remarks>Only the stored vectors need to be small; keeping the query at 16 bits halves the quantisation error of
    /// a score and costs nothing, because the dot product widens the int8 codes to 16 bits anyway.</remarks>
    /// <exception cref="ArgumentException">A component is NaN or infinite, or the norm overflows.</exception>
    public static float QuantizeQuery(ReadOnlySpan<float> query, Span<short> codes)
    {
        var norm = TensorPrimitives.Norm(query);
        if (!float.IsFinite(norm))
        {
            throw new ArgumentException("The query has a NaN, infinite or out-of-range component.", nameof(query));
        }

        var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(query));
        if (norm == 0f || maxAbs == 0f)
        {
            codes.Clear();
            return 0f;
        }

        var limit = MaxQueryCode(query.Length);
        var toCode = limit / maxAbs;
        for (var i = 0; i < query.Length; i++)
        {
            codes[i] = (short)Math.Clamp(MathF.Round(query[i] * toCode), -limit, limit);
        }

        return maxAbs / norm / limit;
    }

    /// <summary>The largest query code for which a dot product with int8 codes of this length fits an int.</summary>
    public static int MaxQueryCode(int length) => (int)Math.Min(short.MaxValue, int.MaxValue / (127L * length));

    /// <summary>Dot product of int16 query codes (within <see cref="MaxQueryCode"/>) and equally long int8 vector codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> vector)
    {
        var length = vector.Length;
        ref var rq = ref MemoryMarshal.GetReference(query);
        ref var rv = ref MemoryMarshal.GetReference(vector);
        var i = 0;
        var sum = 0;

        if (Avx2.IsSupported && length >= 32)
        {
            // vpmovsxbw widens 16 int8 codes to int16, vpmaddwd multiplies and adds neighbouring pairs into int32.
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var v0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rv, (nuint)i));
                var v1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rv, (nuint)(i + 16)));
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref rq, (nuint)i), v0));
                acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref rq, (nuint)(i + 16)), v1));
            }

            sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        }
        else if (Vector128.IsHardwareAccelerated && length >= 16)
        {
            var acc = Vector128<int>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var (vLow, vHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref rv, (nuint)i));
                var (v0, v1) = Vector128.Widen(vLow);
                var (v2, v3) = Vector128.Widen(vHigh);
                var (q0, q1) = Vector128.Widen(Vector128.LoadUnsafe(ref rq, (nuint)i));
                var (q2, q3) = Vector128.Widen(Vector128.LoadUnsafe(ref rq, (nuint)(i + 8)));
                acc += (q0 * v0) + (q1 * v1) + (q2 * v2) + (q3 * v3);
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref rq, i) * Unsafe.Add(ref rv, i);
        }

        return sum;
    }
}
