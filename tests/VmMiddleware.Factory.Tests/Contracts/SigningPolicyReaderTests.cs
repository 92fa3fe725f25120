using VmMiddleware.Factory.Contracts.Security;

namespace VmMiddleware.Factory.Tests.Contracts;

[TestClass]
public sealed class SigningPolicyReaderTests
{
    [TestMethod]
    public void Read_IgtfStylePolicy_CaAndItsSubjectPatterns()
    {
        const string text = """
            # EACL for the Test CA
            access_id_CA   X509   '/C=XX/O=Grid/CN=Test CA'
            pos_rights     globus CA:sign
            cond_subjects  globus '"/C=XX/O=Grid/*" "/C=xx/O=Grid/*"'   # both spellings
            """;

        var policy = SigningPolicyReader.Read(text, "0badc0de.signing_policy").Single();

        Assert.AreEqual("/C=XX/O=Grid/CN=Test CA", policy.CaSubject);
        CollectionAssert.AreEqual(new[] { "/C=XX/O=Grid/*", "/C=xx/O=Grid/*" }, policy.Subjects.ToArray());
        Assert.AreEqual("0badc0de.signing_policy line 2", policy.Source);
    }

    [TestMethod]
    [DataRow("/C=XX/O=Grid/OU=People/CN=Alice Smith", true)]
    [DataRow("/C=XX/O=Grid", false)]
    [DataRow("/C=XX/O=Other/CN=Mallory", false)]
    [DataRow("/C=XX/O=grid/CN=Case", false)]
    [DataRow("/C=XX/O=Grid2/CN=Host", false)]
    public void Allows_SubjectAgainstPattern_MatchesGlobCaseSensitively(string subject, bool allowed)
    {
        var policy = new SigningPolicy("/C=XX/O=Grid/CN=Test CA", ["/C=XX/O=Grid/*"], "x");

        Assert.AreEqual(allowed, policy.Allows(subject));
        Assert.AreEqual(allowed, policy.Refusal(subject) is null);
    }

    [TestMethod]
    public void Read_TwoBlocksAndNoSignRight_EachCaItsOwnAndNoneForTheUnsigned()
    {
        const string text = "access_id_CA X509 '/CN=One'\npos_rights globus CA:sign\ncond_subjects globus '\"/O=One/*\"'\n" +
            "access_id_CA X509 '/CN=Two'\nneg_rights globus CA:sign\ncond_subjects globus '\"/O=Two/*\"'\n";

        var policies = SigningPolicyReader.Read(text, "p");

        Assert.HasCount(2, policies);
        Assert.IsTrue(policies[0].Allows("/O=One/CN=a"));
        Assert.IsEmpty(policies[1].Subjects);
        StringAssert.Contains(policies[1].Refusal("/O=Two/CN=b"), "lets it sign nothing");
    }

    [TestMethod]
    [DataRow("cond_subjects globus '\"/O=x/*\"'", "p(line 1, column 1): cond_subjects before any access_id_CA")]
    [DataRow("access_id_CA X509 /CN=x", "p(line 1, column 19): expected a quoted value, found /CN=x")]
    [DataRow("access_id_CA X509 '/CN=x'\nallow everything", "p(line 2, column 1): unknown keyword allow")]
    [DataRow("access_id_CA X509 '/CN=x'\n  cond_subjects globus ''", "p(line 2, column 24): cond_subjects names no subject pattern")]
    public void Read_Malformed_PositionedError(string text, string message)
    {
        var e = Assert.ThrowsExactly<FormatException>(() => SigningPolicyReader.Read(text, "p"));

        StringAssert.StartsWith(e.Message, message);
    }
}
