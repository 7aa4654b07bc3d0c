using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OmniaKey.Application.Exceptions;

namespace OmniaKey.Modules.Keys.Endpoints;

/// <summary>
/// The optional body of <c>POST /api/v1/keys/{id}/rotate</c>: none, or <c>{"overlap_seconds": n}</c>. Any other field
/// is refused rather than dropped, as on the other key routes. The range is the command validator's.
/// </summary>
internal static class RotateRequestBody
{
    private const string OverlapSeconds = "overlap_seconds";

    public static async Task<int> ReadOverlapSecondsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return 0;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            throw new RequestValidationException("body", $"is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static int Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("body", "must be a JSON object.");
        }

        var overlap = 0;
        var errors = new List<FieldError>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != OverlapSeconds)
            {
                errors.Add(new(property.Name, $"is not a field of a rotation. Known fields: {OverlapSeconds}."));
            }
            else if (property.Value.ValueKind == JsonValueKind.Null)
            {
                overlap = 0;
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out overlap))
            {
                errors.Add(new(OverlapSeconds, $"must be a whole number of seconds from 0 to {Application.ApiKeys.RotateKey.RotateKeyCommand.MaxOverlapSeconds}, or null."));
            }
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : overlap;
    }
}
