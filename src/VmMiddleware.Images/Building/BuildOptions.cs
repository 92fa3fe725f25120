using VmMiddleware.Images.Bases;

namespace VmMiddleware.Images.Building;

/// <summary>How the factory builds: the executor that runs actions and the reference base recipe.</summary>
/// <param name="Executor">Runs the actions (the VM executor on the launcher, or <see cref="ChrootActionExecutor"/>).</param>
/// <param name="ReferenceBase">The reference base recipe (default: <see cref="ReferenceBaseRecipe.Default"/>).</param>
public sealed record BuildOptions(IActionExecutor Executor, ReferenceBaseRecipe? ReferenceBase = null);
