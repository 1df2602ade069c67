namespace JobHome.Silo.Tests.Security;

/// <summary>The security tests share one secured silo; each builds its own site trees and accounts.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecuredSiloFixture>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "security";
}
