using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

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

            s.CopyTo(_buffer.AsSpan(_length));
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
