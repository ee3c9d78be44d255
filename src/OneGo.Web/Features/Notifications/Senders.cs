namespace OneGo.Web.Features.Notifications;

/// <summary>
/// Delivers outbox messages of one channel. Replace the logging senders with a gateway's (SMS platform, SMTP relay)
/// by registering another implementation for the channel; a sender throws when the gateway refuses, and the
/// dispatcher retries.
/// </summary>
public interface INotificationSender
{
    string Channel { get; }

    Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken);
}

/// <summary>The default SMS "gateway": writes the message to the log, with the phone number masked.</summary>
public sealed partial class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : INotificationSender
{
    public string Channel => Channels.Sms;

    public Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var phone = Notifier.MaskPhone(message.Recipient);
            Log(logger, phone, message.Subject);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS to {Phone}: {Subject}")]
    private static partial void Log(ILogger logger, string phone, string subject);
}

/// <summary>The default e-mail "relay": writes the message to the log, with the address masked.</summary>
public sealed partial class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : INotificationSender
{
    public string Channel => Channels.Email;

    public Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var address = Notifier.MaskEmail(message.Recipient);
            Log(logger, address, message.Subject);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail to {Address}: {Subject}")]
    private static partial void Log(ILogger logger, string address, string subject);
}
