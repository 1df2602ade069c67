using JobHome.Actors.Activation;

namespace JobHome.Actors.Dispatch;

/// <summary>
/// Carries a request to another silo and its response back (serialising the request's public properties). The single
/// silo has none: placement is always local. Declared so that the dispatcher's remote branch has its seam.
/// </summary>
internal interface IMessageTransport
{
    Task SendAsync(SiloAddress target, GrainRequestBase request, CancellationToken cancellationToken);
}
