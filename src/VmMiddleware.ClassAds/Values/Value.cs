using System.Runtime.CompilerServices;

namespace VmMiddleware.ClassAds.Values;

/// <summary>The result of evaluating a ClassAd expression: a small tagged union that never allocates for scalars.</summary>
public readonly partial struct Value
{
    private readonly object? _ref;
    private readonly long _bits;
    private readonly int _offset;

    private Value(ValueKind kind, long bits, object? reference, int offset = 0)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
        _offset = offset;
    }

    /// <summary>Gets the kind of this value.</summary>
    public ValueKind Kind { get; }

    /// <summary>Gets the UNDEFINED value.</summary>
    public static Value Undefined => default;

    /// <summary>Gets the ERROR value.</summary>
    public static Value Error { get; } = new(ValueKind.Error, 0, null);

    /// <summary>Gets the boolean true.</summary>
    public static Value True { get; } = new(ValueKind.Boolean, 1, null);

    /// <summary>Gets the boolean false.</summary>
    public static Value False { get; } = new(ValueKind.Boolean, 0, null);

    /// <summary>Gets a value indicating whether this is UNDEFINED.</summary>
    public bool IsUndefined => Kind == ValueKind.Undefined;

    /// <summary>Gets a value indicating whether this is ERROR.</summary>
    public bool IsError => Kind == ValueKind.Error;

    /// <summary>Gets a value indicating whether this is an integer or a real.</summary>
    public bool IsNumber => Kind is ValueKind.Integer or ValueKind.Real;

    /// <summary>Gets a value indicating whether this is UNDEFINED or ERROR.</summary>
    public bool IsExceptional => Kind <= ValueKind.Error;

    /// <summary>Makes a boolean value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromBoolean(bool b) => b ? True : False;

    /// <summary>Makes an integer value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromInteger(long i) => new(ValueKind.Integer, i, null);

    /// <summary>Makes a real value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromReal(double d) => new(ValueKind.Real, BitConverter.DoubleToInt64Bits(d), null);

    /// <summary>Makes a string value.</summary>
    public static Value FromString(string s) => new(ValueKind.String, 0, s ?? throw new ArgumentNullException(nameof(s)));

    /// <summary>Makes an absolute time from seconds since the epoch and a time-zone offset in seconds east of UTC.</summary>
    public static Value FromAbsoluteTime(long secondsSinceEpoch, int offsetSeconds) =>
        new(ValueKind.AbsoluteTime, secondsSinceEpoch, null, offsetSeconds);

    /// <summary>Makes a relative time from a duration in seconds.</summary>
    public static Value FromRelativeTime(double seconds) =>
        new(ValueKind.RelativeTime, BitConverter.DoubleToInt64Bits(seconds), null);

    /// <summary>Makes a list value.</summary>
    public static Value FromList(ClassAdList list) => new(ValueKind.List, 0, list ?? throw new ArgumentNullException(nameof(list)));

    /// <summary>Makes a nested ClassAd value.</summary>
    public static Value FromClassAd(ClassAd ad) => new(ValueKind.ClassAd, 0, ad ?? throw new ArgumentNullException(nameof(ad)));

    /// <summary>Gets the boolean, valid when <see cref="Kind"/> is Boolean.</summary>
    public bool AsBoolean => _bits != 0;

    /// <summary>Gets the integer (or absolute-time seconds), valid when <see cref="Kind"/> is Integer or AbsoluteTime.</summary>
    public long AsInteger => _bits;

    /// <summary>Gets the real (or relative-time seconds), valid when <see cref="Kind"/> is Real or RelativeTime.</summary>
    public double AsReal => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>Gets the string, valid when <see cref="Kind"/> is String.</summary>
    public string AsString => (string)_ref!;

    /// <summary>Gets the time-zone offset in seconds, valid when <see cref="Kind"/> is AbsoluteTime.</summary>
    public int TimeZoneOffset => _offset;

    /// <summary>Gets the list, valid when <see cref="Kind"/> is List.</summary>
    public ClassAdList AsList => (ClassAdList)_ref!;

    /// <summary>Gets the ClassAd, valid when <see cref="Kind"/> is ClassAd.</summary>
    public ClassAd AsClassAd => (ClassAd)_ref!;

    /// <summary>Gets the number as a real, valid when <see cref="IsNumber"/>.</summary>
    public double NumberAsReal => Kind == ValueKind.Integer ? _bits : AsReal;

    /// <summary>Tries to read this value as a boolean the way HTCondor's conditionals do (numbers count, zero is false).</summary>
    public bool TryGetTruth(out bool truth)
    {
        switch (Kind)
        {
            case ValueKind.Boolean: truth = _bits != 0; return true;
            case ValueKind.Integer: truth = _bits != 0; return true;
            case ValueKind.Real: truth = AsReal != 0.0; return true;
            default: truth = false; return false;
        }
    }

    /// <summary>Prints the value as HTCondor's unparser does.</summary>
    public override string ToString() => Printing.Unparser.Unparse(this);
}
