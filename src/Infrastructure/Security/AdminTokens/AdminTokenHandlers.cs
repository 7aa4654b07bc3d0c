using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Audit;

namespace OmniaKey.Infrastructure.Security.AdminTokens;

internal sealed class CreateAdminTokenCommandValidator : AbstractValidator<CreateAdminTokenCommand>
{
    public const int MaximumNameLength = 64;

    public CreateAdminTokenCommandValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty()
            .MaximumLength(MaximumNameLength)
            .Matches("^[a-z0-9][a-z0-9._-]*$")
            .WithMessage("must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit")
            .NotEqual(AdminActors.Bootstrap).WithMessage($"'{AdminActors.Bootstrap}' names the configuration's token");
    }
}

internal sealed class CreateAdminTokenCommandHandler(AuditDbContext store, IHttpContextAccessor http, TimeProvider clock)
    : ICommandHandler<CreateAdminTokenCommand, CreatedAdminTokenDto>
{
    public async Task<CreatedAdminTokenDto> Handle(CreateAdminTokenCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!;
        if (await store.AdminTokens.AnyAsync(t => t.Name == name, cancellationToken))
        {
            // Names stay unique after revocation too, so an audit entry's actor always means one token.
            throw new ConflictException("admin_token_name_taken", $"An admin token named '{name}' exists already (names are never reused).");
        }

        var secret = AdminTokenSecret.New();
        var now = clock.GetUtcNow();
        var token = new AdminToken
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Prefix = secret[..AdminTokenSecret.PrefixLength],
            SecretHash = AdminTokenSecret.Hash(secret),
            CreatedAt = now,
            CreatedBy = AdminActors.Current(http),
        };
        store.AdminTokens.Add(token);
        return new CreatedAdminTokenDto(token.Id, token.Name, token.Prefix, secret, token.CreatedAt, token.CreatedBy);
    }
}

internal sealed class RevokeAdminTokenCommandHandler(AuditDbContext store, IHttpContextAccessor http, TimeProvider clock)
    : ICommandHandler<RevokeAdminTokenCommand, AdminTokenDto>
{
    public async Task<AdminTokenDto> Handle(RevokeAdminTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await store.AdminTokens.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("admin_token_not_found", $"No admin token {command.Id}.");
        if (token.RevokedAt is null)
        {
            // Revoking twice is not an error: the token is revoked either way, and the first revocation is kept.
            token.RevokedAt = clock.GetUtcNow();
            token.RevokedBy = AdminActors.Current(http);
        }

        return AdminTokenDto.From(token);
    }
}

internal sealed class ListAdminTokensQueryHandler(AuditDbContext store) : IQueryHandler<ListAdminTokensQuery, AdminTokenPage>
{
    public async Task<AdminTokenPage> Handle(ListAdminTokensQuery query, CancellationToken cancellationToken)
    {
        var tokens = await store.AdminTokens.AsNoTracking().ToListAsync(cancellationToken);
        return new AdminTokenPage([.. tokens.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(AdminTokenDto.From)], null);
    }
}
