using System.Text.Json;
using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Keys.Endpoints;

/// <summary>
/// Reads <c>spend_limit_usd</c> exactly into nano-USD (docs/adr/0003-money-as-integer-nano-usd.md): a decimal string
/// (<c>"12.5"</c>) or a JSON number written the same way (<c>12.5</c>), at most 9 decimals, no exponent — the JSON
/// text itself is parsed, never a binary floating-point value. Null clears the budget. The range (more than 0) is
/// checked by the command's validator.
/// </summary>
internal static class SpendLimitAmount
{
    public static bool TryRead(JsonElement value, out long? nanoUsd, out string error)
    {
        nanoUsd = null;
        error = string.Empty;
        var text = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => string.Empty,
        };
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!Money.TryParse(text, out var money, out var problem))
        {
            error = $"{problem} (USD, at most 9 decimal places, no exponent), or null for no budget.";
            return false;
        }

        nanoUsd = money.NanoUsd;
        return true;
    }
}
