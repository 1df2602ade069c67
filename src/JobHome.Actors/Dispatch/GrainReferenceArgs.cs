using System.ComponentModel;
using JobHome.Actors.Activation;

namespace JobHome.Actors.Dispatch;

/// <summary>What a generated proxy needs to become a grain reference (opaque to generated code).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct GrainReferenceArgs
{
    internal GrainReferenceArgs(GrainRuntime runtime, GrainClassInfo grainClass, string key)
    {
        Runtime = runtime;
        GrainClass = grainClass;
        Key = key;
    }

    internal GrainRuntime Runtime { get; }

    internal GrainClassInfo GrainClass { get; }

    internal string Key { get; }
}
