using VmMiddleware.Factory.Building;

namespace VmMiddleware.Factory.Tests.Building;

[TestClass]
public sealed class StateFlightsTests
{
    [TestMethod]
    public async Task TryClaim_OverlappingStates_SecondWaitsUntilFirstReleases()
    {
        var flights = new StateFlights();
        var (claim, wait) = flights.TryClaim(["common", "a"]);
        Assert.IsNotNull(claim);
        Assert.IsNull(wait);

        var (second, secondWait) = flights.TryClaim(["common", "b"]);
        Assert.IsNull(second);
        Assert.IsNotNull(secondWait);
        Assert.IsFalse(secondWait.IsCompleted);
        var (disjoint, _) = flights.TryClaim(["c"]);
        Assert.IsNotNull(disjoint, "states nobody builds are claimed at once");

        claim.Dispose();
        await secondWait;
        var (again, _) = flights.TryClaim(["common", "b"]);
        Assert.IsNotNull(again);
    }
}
