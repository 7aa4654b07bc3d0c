using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Security;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? AccountId =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(AuthSchemes.AccountIdClaim), out var id) ? id : null;

    public bool IsAdmin => accessor.HttpContext?.User.IsInRole("admin") == true;
}
