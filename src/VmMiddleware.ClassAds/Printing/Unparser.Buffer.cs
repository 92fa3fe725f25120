using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>The writer's character buffer: appends that copy straight into a pooled array.</summary>
public static partial class Unparser
{
    private sealed partial class Writer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Append(char c)
        {
            if (_length < _buffer.Length)
            {
                _buffer[_length++] = c;
                return;
            }

            Grow(1);
            _buffer[_length++] = c;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Append(string s)
        {
            if (s.Length > _buffer.Length - _length)
            {
                Grow(s.Length);
            }

            Copy(s, _buffer.AsSpan(_length));
            _length += s.Length;
        }

        private void Integer(long value)
        {
            // A long prints in at most 20 characters.
            value.TryFormat(Reserve(20), out var n, default, CultureInfo.InvariantCulture);
            _length += n;
        }

        private void Real(double value)
        {
            _length += RealFormatter.Write(Reserve(RealFormatter.MaxLength), value, _oldSyntax);
        }

        /// <summary>Copies <paramref name="s"/> to the start of <paramref name="dest"/>, which must be at least as long.</summary>
        /// <remarks>Names and values are mostly 4 to 32 characters: two overlapping moves of 8, 16 or 32 bytes copy those
        /// without the call into Buffer.Memmove that a span copy makes; other lengths take the ordinary copy.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Copy(string s, Span<char> dest)
        {
            var length = s.Length;
            if (length is >= 4 and <= 32 && dest.Length >= length)
            {
                ref var from = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(s.AsSpan()));
                ref var to = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(dest));
                var bytes = (nuint)(length * sizeof(char));
                if (length <= 8)
                {
                    Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, bytes - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, bytes - 8)));
                    return;
                }

                if (length <= 16)
                {
                    Vector128.LoadUnsafe(ref from).StoreUnsafe(ref to);
                    Vector128.LoadUnsafe(ref from, bytes - 16).StoreUnsafe(ref to, bytes - 16);
                    return;
                }

                if (Vector256.IsHardwareAccelerated)
                {
                    Vector256.LoadUnsafe(ref from).StoreUnsafe(ref to);
                    Vector256.LoadUnsafe(ref from, bytes - 32).StoreUnsafe(ref to, bytes - 32);
                    return;
                }
            }

            s.CopyTo(dest);
        }

        /// <summary>Returns the free space after the text, at least <paramref name="count"/> characters; the caller advances the length.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Span<char> Reserve(int count)
        {
            if (count > _buffer.Length - _length)
            {
                Grow(count);
            }

            return _buffer.AsSpan(_length);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Grow(int needed)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
