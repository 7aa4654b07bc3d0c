using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Routing.Domain.Channels;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

internal sealed class ChannelRepository(RoutingDbContext db) : IChannelRepository
{
    public void Add(Channel channel) => db.Channels.Add(channel);

    public void Remove(Channel channel) => db.Channels.Remove(channel);

    public Task<Channel?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<bool> NameTakenAsync(string name, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Channels.AnyAsync(c => c.Name == name && c.Id != exceptId, cancellationToken);

    public async Task<IReadOnlyList<Channel>> ListAsync(CancellationToken cancellationToken) =>
        await db.Channels.AsNoTracking().OrderBy(c => c.Provider).ThenByDescending(c => c.Priority).ThenBy(c => c.Name).ToListAsync(cancellationToken);
}
