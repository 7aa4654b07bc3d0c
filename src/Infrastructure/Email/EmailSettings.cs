namespace OmniaKey.Infrastructure.Email;

/// <summary>
/// <c>Email:From</c> (an address, or <c>Name &lt;address&gt;</c>) and <c>Email:Smtp:*</c>. Read on every send, so a
/// configuration reload takes effect without a restart.
/// </summary>
public sealed class EmailSettings
{
    public string? From { get; set; }

    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary>The SMTP relay OmniaKey submits its mail to.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    /// <summary>Default 587 (submission with STARTTLS); 465 means TLS from the first byte; 25 or a local relay with UseTls=false.</summary>
    public int Port { get; set; } = 587;

    /// <summary>When set (with <see cref="Password"/>), the client authenticates; never logged.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// Default true: TLS is required — implicit TLS on port 465, STARTTLS on any other port, and a server that does not
    /// offer STARTTLS is refused (not downgraded: opportunistic STARTTLS can be stripped by anyone on the path, and the
    /// password and the customers' addresses would then travel in clear). False: plain SMTP, for a relay on the same
    /// host or network (and tests).
    /// </summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Per SMTP operation (connect, each command), in seconds; default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
