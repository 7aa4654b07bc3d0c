using Microsoft.AspNetCore.DataProtection;
using OmniaKey.Modules.Routing.Application.Channels;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

/// <summary>
/// Upstream credentials encrypted with ASP.NET Core Data Protection under their own purpose, so that no other part
/// of the service (bearer tokens, say) can decrypt them, and key rotation is handled by the framework.
/// </summary>
internal sealed class DataProtectionCredentialProtector(IDataProtectionProvider provider) : ICredentialProtector
{
    private readonly IDataProtector protector = provider.CreateProtector("OmniaKey.Routing.ChannelCredential.v1");

    public string Protect(string credential) => protector.Protect(credential);

    public string Unprotect(string protectedCredential) => protector.Unprotect(protectedCredential);
}
