using Mamori.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mamori.Web.Infrastructure;

/// <summary>The hospital's mail server (optional: many closed networks have none). Smtp:Host unset means no email.</summary>
public sealed record SmtpSettings(string? Host, int Port, string? From, string? User, string? Password, SecureSocketOptions Security)
{
    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public static SmtpSettings Read(IConfiguration configuration) => new(
        configuration["Smtp:Host"],
        configuration.GetValue("Smtp:Port", 25),
        configuration["Smtp:From"],
        configuration["Smtp:User"],
        configuration["Smtp:Password"],
        Enum.TryParse<SecureSocketOptions>(configuration["Smtp:Security"], ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable);
}

/// <summary>Sends the outbox every few seconds through the configured SMTP server; failures are kept and retried.</summary>
public sealed class MailSender(IServiceScopeFactory scopes, SmtpSettings smtp, IConfiguration configuration, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!smtp.Configured)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Smtp:PollSeconds", 10))));
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending the outbox failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendDueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var due = await outbox.ClaimDueAsync(20, ct);
        if (due.Count == 0)
        {
            return;
        }
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var m in due)
            {
                await outbox.MarkFailedAsync(m, $"SMTP: {e.Message}", ct);
            }
            return;
        }
        foreach (var m in due)
        {
            try
            {
                await client.SendAsync(Mime(m), ct);
                await outbox.MarkSentAsync(m.Id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await outbox.MarkFailedAsync(m, e.Message, ct);
            }
        }
        await client.DisconnectAsync(quit: true, ct);
    }

    private MimeMessage Mime(MailMessage m)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        message.To.Add(MailboxAddress.Parse(m.To));
        message.Subject = m.Subject;
        message.Body = new TextPart("plain") { Text = m.Body };
        return message;
    }
}
