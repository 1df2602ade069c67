using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace JobHome.Actors.Dispatch;

/// <summary>Holds the generated proxy factory of one grain interface; generated module initializers fill it.</summary>
/// <typeparam name="TGrainInterface">The grain interface.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CA1000 // Static members on a generic type: this is a per-interface slot by design.
public static class GrainProxyRegistry<TGrainInterface>
    where TGrainInterface : IGrainWithStringKey
{
    private static Func<GrainReferenceArgs, TGrainInterface>? _factory;

    /// <summary>Registers the generated proxy factory.</summary>
    public static void Register(Func<GrainReferenceArgs, TGrainInterface> factory) => _factory = factory;

    internal static TGrainInterface Create(GrainReferenceArgs args)
    {
        var factory = _factory;
        if (factory is null)
        {
            // The interface's module initializer has not run yet (it runs on first access to the module's code).
            RuntimeHelpers.RunModuleConstructor(typeof(TGrainInterface).Module.ModuleHandle);
            factory = _factory ?? throw new InvalidOperationException(
                $"No generated proxy for {typeof(TGrainInterface)}. Reference JobHome.Actors.Generators as an analyzer in the project that declares the interface " +
                "(<ProjectReference Include=\"…/JobHome.Actors.Generators.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />).");
        }

        return factory(args);
    }
}
#pragma warning restore CA1000
