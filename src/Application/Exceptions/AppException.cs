namespace OmniaKey.Application.Exceptions;

/// <summary>
/// Base of the exceptions that the edge maps to an HTTP answer (problem details on /api and /admin,
/// OpenAI's error shape on /v1). <see cref="Code"/> is a stable, machine-readable identifier.
/// </summary>
public abstract class AppException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public sealed class NotFoundException(string code, string message) : AppException(code, message);

public sealed class ConflictException(string code, string message) : AppException(code, message);

/// <summary>403. Not sealed: a refusal that carries more (e.g. a Restricted Territory decision) derives from it.</summary>
public class ForbiddenException(string code, string message) : AppException(code, message);

public sealed class UnauthorizedException(string message, string code = "unauthorized") : AppException(code, message);

/// <summary>402: the account's balance cannot pay for what was asked.</summary>
public sealed class PaymentRequiredException(string message) : AppException("insufficient_balance", message);

/// <summary>503: a dependency the request needs is not configured or not reachable; the caller may retry later.</summary>
public sealed class ServiceUnavailableException(string code, string message) : AppException(code, message);
