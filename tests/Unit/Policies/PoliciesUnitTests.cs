using MailKit.Security;
using MimeKit;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Email;
using OmniaKey.Modules.Policies.Application;
using OmniaKey.Modules.Policies.Application.Notices;
using OmniaKey.Modules.Policies.Application.Terms.GetTermsSchedule;
using OmniaKey.Modules.Policies.Application.Terms.PublishTerms;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Policies;

public sealed class PoliciesUnitTests
{
    private static readonly PublishTermsCommand Good = new("2027-01-01", DateTimeOffset.UtcNow.AddDays(30), true, "Terms");
    private static readonly PublishTermsCommandValidator Validator = new();

    [Fact]
    public void A_complete_publication_is_valid() => ValidationAssert.Valid(Validator, Good);

    [Theory]
    [InlineData("", "NotEmptyValidator")]
    [InlineData("2027/01/01", "RegularExpressionValidator")]
    [InlineData("-2027", "RegularExpressionValidator")]
    [InlineData("v 2", "RegularExpressionValidator")]
    [InlineData("123456789012345678901234567890123", "MaximumLengthValidator")]
    public void An_unsafe_or_long_version_is_refused(string version, string code) =>
        ValidationAssert.Invalid(Validator, Good with { Version = version }, nameof(PublishTermsCommand.Version), code);

    [Fact]
    public void Effective_at_and_text_are_required()
    {
        ValidationAssert.Invalid(Validator, Good with { EffectiveAt = null }, nameof(PublishTermsCommand.EffectiveAt), "NotNullValidator");
        ValidationAssert.Invalid(Validator, Good with { Text = " \n" }, nameof(PublishTermsCommand.Text), "PredicateValidator");
    }

    [Theory]
    [InlineData("[email protected]")]
    [InlineData("[email\u00a0protected]")]
    public void The_seed_artefact_becomes_the_support_address_or_a_placeholder(string artefact)
    {
        var text = $"Questions? Email {artefact}. Or {artefact}.";
        Assert.Equal("Questions? Email help@example.com. Or help@example.com.", new PoliciesSettings("help@example.com", null).Render(text));
        Assert.Equal(
            $"Questions? Email {PoliciesSettings.SupportPlaceholder}. Or {PoliciesSettings.SupportPlaceholder}.",
            new PoliciesSettings(null, null).Render(text));
    }

    [Fact]
    public void Links_are_absolute_only_with_a_public_base_url()
    {
        Assert.Equal("/api/v1/terms/x", new PoliciesSettings(null, null).Link("/api/v1/terms/x"));
        Assert.Equal("https://omniakey.dev/api/v1/terms/x", new PoliciesSettings(null, "https://omniakey.dev/").Link("/api/v1/terms/x"));
    }

    [Fact]
    public void The_version_in_force_is_the_latest_effective_date_not_in_the_future()
    {
        var now = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var schedule = new TermsSchedule([("b", now.AddDays(-1)), ("a", now.AddDays(-100)), ("c", now.AddSeconds(1))]);
        Assert.Equal("b", schedule.InForceAt(now));
        Assert.Equal("c", schedule.InForceAt(now.AddSeconds(1)));
        Assert.Null(schedule.InForceAt(now.AddDays(-200)));
    }

    [Fact]
    public void The_notice_names_the_version_the_effective_date_the_link_and_the_support_address_and_escapes_html()
    {
        var notice = new NoticeToSend(Guid.NewGuid(), "a@example.com", "2027-01-01", new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var message = TermsNoticeMessage.For(notice, new PoliciesSettings("<help@example.com>", "https://omniakey.dev"));
        Assert.Equal("a@example.com", message.To);
        Assert.Contains("2027-01-01", message.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("2027-01-01 12:00 UTC", body, StringComparison.Ordinal);
            Assert.Contains("https://omniakey.dev/api/v1/terms/2027-01-01", body, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;help@example.com&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<help@", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 25, SecureSocketOptions.StartTls)]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(false, 25, SecureSocketOptions.None)]
    [InlineData(false, 465, SecureSocketOptions.None)]
    public void Tls_is_an_explicit_choice_never_opportunistic(bool useTls, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpEmailSender.SocketOptions(new SmtpSettings { UseTls = useTls, Port = port }));

    [Fact]
    public void A_message_carries_both_bodies_as_alternatives()
    {
        using var mime = SmtpEmailSender.ToMime(new EmailMessage("a@example.com", "Subject", "plain", "<p>html</p>"), MailboxAddress.Parse("OmniaKey <no-reply@example.com>"));
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal("plain", mime.TextBody?.TrimEnd());
        Assert.Equal("<p>html</p>", mime.HtmlBody?.TrimEnd());
        Assert.Equal(2, alternative.Count);
        Assert.Equal("no-reply@example.com", mime.From.Mailboxes.Single().Address);
    }
}
