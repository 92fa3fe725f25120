using System.Runtime.CompilerServices;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Evaluation;

/// <summary>Evaluates expressions with HTCondor's semantics: MY/TARGET scoping, UNDEFINED and ERROR values, and evaluation budgets.</summary>
/// <remarks>One instance is reused per thread; it is not re-entrant across threads.</remarks>
public sealed partial class Evaluator
{
    /// <summary>The deepest evaluation (nested attribute references and sub-expressions) before the result is ERROR.</summary>
    public const int MaxDepth = 2000;

    [ThreadStatic]
    private static Evaluator? t_instance;

    // Bindings being evaluated, for cycle detection; a struct array, so storing one needs no covariant array check.
    private readonly ActiveBinding[] _active = new ActiveBinding[MaxDepth];
    private int _activeCount;
    private int _depth;

    // Whether the expression being evaluated is bound in an ad (an attribute's value) or free (parsed and evaluated
    // in a scope, as ClassAd::EvaluateExpr does): HTCondor gives list literals of free expressions no parent scope.
    private bool _bound;
    private ClassAd? _left;
    private ClassAd? _right;
    private TimeProvider _clock = TimeProvider.System;

    private Evaluator()
    {
    }

    /// <summary>Gets the ClassAd in whose scope the current expression is being evaluated, or null.</summary>
    public ClassAd? Scope { get; private set; }

    /// <summary>Gets the clock that <c>time()</c>, <c>absTime()</c>, <c>formatTime()</c> and the other time functions of
    /// the current evaluation read: the one its caller passed, <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Evaluates an expression in the scope of <paramref name="scope"/>, with <paramref name="target"/> as its
    /// TARGET; the time functions read <paramref name="clock"/> (when null, the enclosing evaluation's clock, or
    /// <see cref="TimeProvider.System"/> at top level).</summary>
    public static Value Evaluate(Expr expr, ClassAd? scope, ClassAd? target, TimeProvider? clock = null)
    {
        var ev = Rent();
        var saved = ev.Save();
        try
        {
            if (clock is not null)
            {
                ev._clock = clock;
            }

            ev._left = scope is null ? null : Root(scope);
            ev._right = target;
            ev.Scope = scope;
            ev._bound = false;
            return ev.Eval(expr);
        }
        finally
        {
            ev.Restore(saved);
        }
    }

    /// <summary>Evaluates the attribute <paramref name="name"/> of <paramref name="ad"/>, with <paramref name="target"/> as
    /// TARGET; the time functions read <paramref name="clock"/> (when null, as for <see cref="Evaluate"/>).</summary>
    public static Value EvaluateAttribute(ClassAd ad, string name, ClassAd? target, TimeProvider? clock = null)
    {
        var expr = ad.Lookup(name);
        if (expr is null)
        {
            return Value.Undefined;
        }

        var ev = Rent();
        var saved = ev.Save();
        try
        {
            if (clock is not null)
            {
                ev._clock = clock;
            }

            ev._left = Root(ad);
            ev._right = target;
            ev.Scope = ad;
            return ev.EvalBound(ad, expr);
        }
        finally
        {
            ev.Restore(saved);
        }
    }

    private static Evaluator Rent() => t_instance ??= new Evaluator();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SavedState Save() => new(_left, _right, Scope, _clock, _activeCount, _depth, _argumentsTop, _bound);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Restore(in SavedState s)
    {
        _left = s.Left;
        _right = s.Right;
        Scope = s.Scope;

        // Almost always unchanged: skip the write barrier of storing it again.
        if (!ReferenceEquals(_clock, s.Clock))
        {
            _clock = s.Clock;
        }

        _activeCount = s.Active;
        _depth = s.Depth;
        _argumentsTop = s.Arguments;
        _bound = s.Bound;
    }

    /// <summary>Evaluates a sub-expression in the current scope; built-in functions call this for their arguments.</summary>
    public Value Eval(Expr expr)
    {
        if (++_depth > MaxDepth || ((_depth & 31) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            _depth--;
            return Value.Error;
        }

        // Parentheses only group: step through them here rather than through Operation and another Eval, charging each
        // level to the depth budget (and probing the stack) exactly as a nested Eval would.
        var levels = 1;
        while (expr is OperationExpr { Op: OpKind.Parentheses } group)
        {
            levels++;
            if (++_depth > MaxDepth || ((_depth & 31) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
            {
                _depth -= levels;
                return Value.Error;
            }

            expr = group.Left;
        }

        // No try/finally on this hot path: a throwing built-in leaves _depth high, but every public entry point restores it.
        var value = expr switch
        {
            LiteralExpr l => l.Factor == '\0' ? l.Value : ApplyFactor(l.Value, l.Factor),
            AttributeRefExpr r => Reference(r),
            OperationExpr o => Operation(o),
            FunctionCallExpr f => f.Resolved is null ? Value.Error : f.Resolved(f.Arguments, this),
            ListExpr l => Value.FromList(new ClassAdList(l.Items, Scope) { Unbound = !_bound }),
            AdExpr a => Value.FromClassAd(a.Ad),
            _ => Value.Error,
        };
        _depth -= levels;
        return value;
    }

    /// <summary>Evaluates an expression in the scope of another ad (as list elements and nested ads require).</summary>
    public Value EvalIn(Expr expr, ClassAd? scope)
    {
        var saved = Scope;
        Scope = scope;
        try
        {
            return Eval(expr);
        }
        finally
        {
            Scope = saved;
        }
    }

    /// <summary>Evaluates an attribute's bound expression in the ad that binds it, detecting reference cycles.</summary>
    public Value EvalBound(ClassAd ad, Expr expr)
    {
        // Most attributes are literals: one cannot be in a cycle (it evaluates nothing) and does not depend on the scope,
        // so its value is the answer. Near the depth budget or at a stack probe, the general path below decides as before.
        if (expr is LiteralExpr { Factor: '\0' } literal && _activeCount < MaxDepth && _depth < MaxDepth && ((_depth + 1) & 31) != 0)
        {
            return literal.Value;
        }

        for (var i = _activeCount - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_active[i].Expr, expr) && ReferenceEquals(_active[i].Ad, ad))
            {
                // attrrefs.cpp AttributeReference::_Evaluate: an attribute met again further up the stack is UNDEFINED.
                return Value.Undefined;
            }
        }

        if (_activeCount >= MaxDepth)
        {
            return Value.Error;
        }

        _active[_activeCount] = new ActiveBinding(expr, ad);
        _activeCount++;
        var saved = Scope;
        var savedBound = _bound;
        Scope = ad;
        _bound = true;
        try
        {
            return Eval(expr);
        }
        finally
        {
            Scope = saved;
            _bound = savedBound;
            _activeCount--;
            _active[_activeCount] = default;
        }
    }

    private static Value ApplyFactor(Value v, char factor)
    {
        if (factor == LiteralExpr.RelTimeFactor)
        {
            return Value.FromReal(v.AsReal);
        }

        var scale = factor switch
        {
            'K' => 1024.0,
            'M' => 1024.0 * 1024,
            'G' => 1024.0 * 1024 * 1024,
            'T' => 1024.0 * 1024 * 1024 * 1024,
            _ => 1.0,
        };
        return Value.FromReal(v.NumberAsReal * scale);
    }

    internal static ClassAd Root(ClassAd ad)
    {
        while (ad.ParentScope is not null)
        {
            ad = ad.ParentScope;
        }

        return ad;
    }

    private ClassAd? TargetOf(ClassAd? scope)
    {
        if (scope is null)
        {
            return _right;
        }

        var root = Root(scope);
        if (ReferenceEquals(root, _left))
        {
            return _right;
        }

        return ReferenceEquals(root, _right) ? _left : null;
    }

    private readonly record struct ActiveBinding(Expr? Expr, ClassAd? Ad);

    /// <summary>What a public entry point changes and puts back, so that an evaluation nested in another one (a built-in
    /// that evaluates in another ad) leaves the outer one as it was.</summary>
    private readonly record struct SavedState(ClassAd? Left, ClassAd? Right, ClassAd? Scope, TimeProvider Clock, int Active, int Depth, int Arguments, bool Bound);
}
