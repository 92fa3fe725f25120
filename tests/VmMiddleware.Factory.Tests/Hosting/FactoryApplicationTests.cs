using Microsoft.AspNetCore.Http;
using VmMiddleware.Factory.Hosting;

namespace VmMiddleware.Factory.Tests.Hosting;

[TestClass]
public sealed class FactoryApplicationTests
{
    [TestMethod]
    [DataRow("/v1/content/0123abcd", "/v1/content")]
    [DataRow("/v1/artifacts/0123abcd", "/v1/artifacts")]
    [DataRow("/v1/layers/0123abcd.qcow2", "/v1/layers")]
    [DataRow("/v1/chains/0123abcd", "/v1/chains")]
    [DataRow("/metrics", "/metrics")]
    [DataRow("/v1/anything/else", "other")]
    [DataRow("/no/such/route", "other")]
    public void Operation_RoutePath_ItsOwnLabelOrOther(string path, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        Assert.AreEqual(expected, FactoryApplication.Operation(context));
    }

    [TestMethod]
    public void Operation_SoapActionOfAContractOperation_TheOperationOtherwiseOther()
    {
        var known = new DefaultHttpContext();
        known.Request.Headers["SOAPAction"] = "\"urn:vmmiddleware:factory/IImageFactory/GetTicket\"";
        var unknown = new DefaultHttpContext();
        unknown.Request.Headers["SOAPAction"] = "\"urn:x/Whatever\"";

        Assert.AreEqual("GetTicket", FactoryApplication.Operation(known));
        Assert.AreEqual("other", FactoryApplication.Operation(unknown));
    }
}
