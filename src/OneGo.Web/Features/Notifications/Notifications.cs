using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Notifications;

/// <summary>A message in someone's in-app inbox (站内消息): reminders, escalations, notices about their cases.</summary>
public sealed class InboxItemRecord
{
    public long Id { get; set; }
    public string UserId { get; set; } = string.Empty;

    /// <summary>What it is about: <c>reminder</c> (催办), <c>escalation</c> (督办), <c>case</c> (办件通知).</summary>
    public string Kind { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;

    /// <summary>The page that answers it (relative URL).</summary>
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// A message for an outside channel (SMS, e-mail), written in the transaction of the change it reports and sent
/// afterwards by <see cref="OutboxDispatcher"/> — so nothing is sent for a change that rolled back, and nothing
/// committed is lost when a channel is down (it is retried).
/// </summary>
public sealed class OutboxMessageRecord
{
    public long Id { get; set; }

    /// <summary><see cref="Channels.Sms"/> or <see cref="Channels.Email"/>.</summary>
    public string Channel { get; set; } = string.Empty;
    public string Recipient { get; set; } = string.Empty;
    public string? UserId { get; set; }
    public string Subject { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the retries are exhausted; the message stays for the operator to see.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

public static class Channels
{
    public const string Sms = "sms";
    public const string Email = "email";
}

/// <summary>Someone to notify: an account (for the inbox) and the addresses the channels use.</summary>
public sealed record Recipient(string? UserId, string? Phone, string? Email);

/// <summary>Writes notifications into the caller's transaction: the inbox always, SMS and e-mail through the outbox.</summary>
public static class Notifier
{
    /// <summary>The signature every SMS starts with.</summary>
    public const string SmsSignature = "【兴国县政务服务】";

    public static void Notify(OneGoDb db, Recipient recipient, string kind, string title, string body, string? link, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipient.UserId is not null)
        {
            db.Inbox.Add(new InboxItemRecord { UserId = recipient.UserId, Kind = kind, Title = title, Body = body, Link = link, CreatedAt = now });
        }
        if (!string.IsNullOrWhiteSpace(recipient.Phone))
        {
            db.Outbox.Add(new OutboxMessageRecord
            {
                Channel = Channels.Sms, Recipient = recipient.Phone, UserId = recipient.UserId, Subject = title,
                Body = SmsSignature + title + "。" + body, CreatedAt = now, NextAttemptAt = now,
            });
        }
        if (!string.IsNullOrWhiteSpace(recipient.Email))
        {
            db.Outbox.Add(new OutboxMessageRecord
            {
                Channel = Channels.Email, Recipient = recipient.Email, UserId = recipient.UserId, Subject = title,
                Body = body, CreatedAt = now, NextAttemptAt = now,
            });
        }
    }

    /// <summary>The accounts holding <paramref name="role"/> in <paramref name="department"/> (all departments when null).</summary>
    public static async Task<List<Recipient>> StaffAsync(OneGoDb db, string role, string? department, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = from user in db.Users
                    join link in db.UserRoles on user.Id equals link.UserId
                    join r in db.Roles on link.RoleId equals r.Id
                    where r.Name == role
                    select user;
        if (department is not null)
        {
            query = query.Where(u => u.DepartmentCode == department);
        }
        return await query.OrderBy(u => u.UserName).Select(u => new Recipient(u.Id, u.PhoneNumber, u.Email)).ToListAsync(cancellationToken);
    }

    /// <summary>The applicant's accounts: the person by ID number, or the enterprise by credit code.</summary>
    public static async Task<List<Recipient>> ApplicantAsync(OneGoDb db, string applicantCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var accounts = await db.Users.Where(u => u.CreditCode == applicantCode || (u.CreditCode == null && u.IdNumber == applicantCode))
            .Select(u => new Recipient(u.Id, u.PhoneNumber, u.Email)).ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            // Filed at the window for someone without an account: the register's phone number still gets the SMS.
            var phone = await db.People.Where(p => p.IdNumber == applicantCode).Select(p => p.Phone).FirstOrDefaultAsync(cancellationToken);
            if (phone is not null)
            {
                accounts.Add(new Recipient(null, phone, null));
            }
        }
        return accounts;
    }

    /// <summary>"139****0001": phone numbers in logs and staff lists.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : new string('*', phone.Length);

    /// <summary>"z***@example.cn".</summary>
    public static string MaskEmail(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? email[..1] + "***" + email[at..] : "***";
}
