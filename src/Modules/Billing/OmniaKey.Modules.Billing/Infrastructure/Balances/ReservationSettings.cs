using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// How long a hold lives before the clean-up job presumes its call dead: <c>Billing:Reservations:TimeToLiveSeconds</c>
/// (default 1800). It must stay well above the relay's own deadline (<c>Upstreams:RequestTimeoutSeconds</c>, default
/// 600), so that the job only ever meets holds whose process is gone.
/// </summary>
internal sealed record ReservationSettings(TimeSpan TimeToLive)
{
    public static ReservationSettings FromConfiguration(IConfiguration configuration)
    {
        var text = configuration["Billing:Reservations:TimeToLiveSeconds"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ReservationSettings(TimeSpan.FromMinutes(30));
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? new ReservationSettings(TimeSpan.FromSeconds(seconds))
            : throw new InvalidOperationException($"Billing:Reservations:TimeToLiveSeconds '{text}' is not a positive number of seconds.");
    }
}
