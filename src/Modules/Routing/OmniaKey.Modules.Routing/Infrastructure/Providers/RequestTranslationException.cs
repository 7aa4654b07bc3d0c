namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>The request asks for something the model's provider cannot do; the client gets a 400 naming the parameter.</summary>
internal sealed class RequestTranslationException(string param, string message) : Exception(message)
{
    public string Param { get; } = param;
}
