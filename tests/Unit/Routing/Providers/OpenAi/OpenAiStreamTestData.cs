using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;
using OmniaKey.Modules.Routing.Infrastructure.Relay;

namespace OmniaKey.UnitTests.Routing.Providers.OpenAi;

/// <summary>OpenAI stream chunks as the provider writes them (docs/providers.md#openai-streaming), and a way to run them.</summary>
internal static class OpenAiStreamTestData
{
    public const string Head = """{"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":""";

    public static string Content(string jsonString) =>
        Head + $$"""[{"index":0,"delta":{"content":{{jsonString}}},"logprobs":null,"finish_reason":null}],"usage":null}""";

    public static string Finish(string reason = "stop") =>
        Head + $$"""[{"index":0,"delta":{},"logprobs":null,"finish_reason":"{{reason}}"}],"usage":null}""";

    public static string UsageOnly(int input, int output, int cached = 0, int reasoning = 0) =>
        Head + $$$$"""[],"usage":{"prompt_tokens":{{{{input}}}},"completion_tokens":{{{{output}}}},"total_tokens":{{{{input + output}}}},"prompt_tokens_details":{"cached_tokens":{{{{cached}}}},"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":{{{{reasoning}}}},"audio_tokens":0}}}""";

    public static OpenAiStreamTranslator Translator() =>
        new(new TranslationContext("chatcmpl-gateway", 1_700_000_000, "gpt-4o", ChatRequest.Read(JsonNode.Parse("""{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hi"}]}""")).Request!));

    /// <summary>Runs an SSE body through the real reader, handed over <paramref name="readSize"/> bytes at a time, and a fresh translator.</summary>
    public static async Task<(OpenAiStreamTranslator Translator, List<string> Emitted)> StreamAsync(string sse, int readSize)
    {
        var translator = Translator();
        var emitted = new List<string>();
        using var body = new TrickleStream(Encoding.UTF8.GetBytes(sse), readSize);
        await foreach (var item in SseReader.ReadAsync(body, CancellationToken.None))
        {
            translator.Translate(item.Event, item.Data, emitted);
        }

        return (translator, emitted);
    }

    /// <summary>A read-only stream that returns at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, readSize), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
