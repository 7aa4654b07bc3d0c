namespace OmniaKey.Modules.Routing.Domain.Catalog;

/// <summary>Another name a catalogue model answers to, e.g. a dated snapshot id such as <c>claude-sonnet-4-5-20250929</c>.</summary>
internal sealed class ModelAlias(string name)
{
    public string Name { get; private set; } = name;
}
