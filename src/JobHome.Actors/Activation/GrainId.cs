namespace JobHome.Actors.Activation;

/// <summary>Identity of a grain in the silo: its class and key.</summary>
internal readonly record struct GrainId(GrainClassInfo Class, string Key)
{
    public override string ToString() => $"{Class.GrainTypeName}/{Key}";
}
