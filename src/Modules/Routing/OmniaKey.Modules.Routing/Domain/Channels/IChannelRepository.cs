namespace OmniaKey.Modules.Routing.Domain.Channels;

internal interface IChannelRepository
{
    void Add(Channel channel);

    void Remove(Channel channel);

    Task<Channel?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> NameTakenAsync(string name, Guid? exceptId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Channel>> ListAsync(CancellationToken cancellationToken);
}
