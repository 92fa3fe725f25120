using System.Text.RegularExpressions;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>What one CA of the trust directory may sign: the subject patterns of its <c>HASH.signing_policy</c> file (Globus EACL format).</summary>
/// <param name="CaSubject">The CA's subject in one-line form (<c>access_id_CA X509 '...'</c>).</param>
/// <param name="Subjects">The subject patterns it may sign (<c>cond_subjects globus '"..." "..."'</c>); '*' matches any text, '?' one character; none when the file grants no <c>CA:sign</c> right.</param>
/// <param name="Source">The file (and line) the entry comes from, for messages.</param>
/// <param name="Error">Why the file could not be read (the CA then signs nothing), or null.</param>
internal sealed record SigningPolicy(string CaSubject, IReadOnlyList<string> Subjects, string Source, string? Error = null)
{
    /// <summary>Returns whether the CA may sign a certificate for <paramref name="subject"/> (one-line form; compared case-sensitively, as Globus does).</summary>
    public bool Allows(string subject) => Error is null && Subjects.Any(pattern => Glob(pattern).IsMatch(subject));

    /// <summary>Returns why the CA may not sign <paramref name="subject"/>, or null when it may.</summary>
    public string? Refusal(string subject) =>
        Allows(subject) ? null
        : Error is not null ? $"the signing policy of CA '{CaSubject}' cannot be read ({Error}), so it signs nothing"
        : Subjects.Count == 0 ? $"the signing policy of CA '{CaSubject}' ({Source}) lets it sign nothing"
        : $"'{subject}' is outside the signing policy of CA '{CaSubject}' ({Source}), which allows {string.Join(", ", Subjects.Select(s => "'" + s + "'"))}";

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
