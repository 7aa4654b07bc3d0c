namespace OmniaKey.Modules.Routing.Application.Channels;

/// <summary>Encrypts upstream credentials before they are stored (ASP.NET Core Data Protection in production).</summary>
internal interface ICredentialProtector
{
    string Protect(string credential);

    string Unprotect(string protectedCredential);
}

/// <summary>Makes channel changes visible to the relay at once on this instance (other instances within seconds).</summary>
internal interface IChannelCache
{
    void Invalidate();
}
