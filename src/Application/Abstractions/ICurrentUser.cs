namespace OmniaKey.Application.Abstractions;

/// <summary>Who is calling: a customer account (customer API), an operator (admin API) or nobody.</summary>
public interface ICurrentUser
{
    Guid? AccountId { get; }

    bool IsAdmin { get; }

    Guid RequireAccountId() => AccountId ?? throw new Exceptions.UnauthorizedException("Authentication is required.");
}
