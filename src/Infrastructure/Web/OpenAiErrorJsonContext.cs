using System.Text.Json.Serialization;

namespace OmniaKey.Infrastructure.Web;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OpenAiError.ErrorEnvelope))]
internal sealed partial class OpenAiErrorJsonContext : JsonSerializerContext;
