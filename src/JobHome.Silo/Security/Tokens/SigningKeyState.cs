namespace JobHome.Silo.Security.Tokens;

/// <summary>Stored state of the cluster's generated signing keys (version 1), oldest first.</summary>
[GenerateSerializer, Alias("jobhome.signing-key-state.v1")]
public sealed class SigningKeyState
{
    /// <summary>The keys, oldest first; at most <see cref="SigningKeyGrain.KeptKeys"/>.</summary>
    [Id(0)]
    public List<SigningKeyEntry> Keys { get; set; } = [];
}
