namespace OmniaKey.Modules.Accounts.Domain.Accounts;

/// <summary>A standard, salted, slow password hash (ASP.NET Core Identity's PBKDF2 in infrastructure).</summary>
internal interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string hash, string password);
}
