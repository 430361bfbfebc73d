using System.Data.Common;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Pass;

public sealed class PassOptions
{
    public const string Section = "Pass";
    public const int MaxTokenLifetimeMinutes = 30 * 24 * 60;

    /// <summary>How long a pass shown on a phone keeps working; the open page renews it before then.</summary>
    public int TokenLifetimeMinutes { get; set; } = 1440;
}

/// <summary>The member's pass as the page shows it. <see cref="Token"/> is what the QR code encodes.</summary>
public sealed record MyPass(string MemberCode, string PreferredName, string Token, DateTime IssuedAt, DateTime ExpiresAt);

/// <summary>What a scanned code means at the counter: the member's code, or why not.</summary>
public sealed record PassResolution(string? MemberCode, string? Problem)
{
    public bool Succeeded => MemberCode is not null;
}

/// <summary>
/// The member's digital pass: a signed, expiring token instead of a card. Members see and reset their own pass
/// (always found from their login, never from an id they send); staff and managers turn a scanned code into a member.
/// </summary>
public sealed class PassService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IDataProtectionProvider protection,
    IOptions<PassOptions> options, ProgrammeCalendar calendar, ActiveCallers callers)
{
    public const string Purpose = "LoyaltyPortal.Pass.v1";
    public const string NotAPass = "This code isn't a LoyaltyPortal pass. Ask the member to open My pass, or search by name.";
    public const string Expired = "This pass has expired. Ask the member to open My pass again to refresh it.";
    public const string Replaced = "This pass was replaced by a newer one. Ask the member to show the pass on their phone now.";
    public const string LeftProgramme = "This pass belongs to someone who has left the programme. Offer to enrol them again.";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    /// <summary>Whether text (typed or scanned into the counter's search box) is a pass token rather than a search.</summary>
    public static bool LooksLikePassToken(string? text) => PassToken.LooksLikeToken(text);

    /// <summary>A freshly issued pass for the signed-in member; null when no active member profile is linked to the login.</summary>
    public Task<MyPass?> GetMyPassAsync(Caller caller, CancellationToken ct = default) =>
        IssueMyPassAsync(caller, TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes), ct);

    /// <summary>
    /// A pass for the signed-in member that works for <paramref name="lifetime"/> (at most the longest pass lifetime):
    /// the phone page's pass renews itself, while a wallet pass has to last between visits.
    /// </summary>
    public async Task<MyPass?> IssueMyPassAsync(Caller caller, TimeSpan lifetime, CancellationToken ct = default)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have a pass.");
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromMinutes(PassOptions.MaxTokenLifetimeMinutes))
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A pass works for up to 30 days.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking()
            .Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
            .Select(m => new { m.Id, m.MemberCode, m.PreferredName, m.PassVersion })
            .FirstOrDefaultAsync(ct);
        if (member is null) return null;

        // Whole seconds: the token stores seconds, and the page should show the expiry the token really has.
        var now = calendar.UtcNow;
        var issued = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var expires = issued.Add(lifetime);
        var token = PassToken.Write(protector, new PassPayload(member.Id, member.PassVersion, expires));
        return new MyPass(member.MemberCode, member.PreferredName, token, issued, expires);
    }

    /// <summary>
    /// Makes every pass issued so far stop working, and the member code printed beside it too (a screenshot shows
    /// both), and returns a new pass; null when there is no active member profile.
    /// </summary>
    public async Task<MyPass?> ResetMyPassAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members reset their own pass.");
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            for (var attempt = 1; ; attempt++)
            {
                var code = MemberRules.NewMemberCode();
                if (await db.Members.AnyAsync(m => m.MemberCode == code, ct)) continue;
                try
                {
                    // One statement, so two resets at once both count and no older version can be written back.
                    var changed = await db.Members.Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.PassVersion, m => m.PassVersion + 1).SetProperty(m => m.MemberCode, code), ct);
                    if (changed == 0) return null;
                    break;
                }
                catch (Exception ex) when (ex is DbException or DbUpdateException && attempt < 5)
                {
                    // The unique index refused the code: another member took it between the check and the update. Draw again.
                    if (!await db.Members.AnyAsync(m => m.MemberCode == code, ct)) throw;
                }
            }
        }
        return await GetMyPassAsync(caller, ct);
    }

    /// <summary>The member a scanned pass belongs to, or a problem to show staff. Never throws for what was scanned.</summary>
    public async Task<PassResolution> ResolveAsync(Caller caller, string? scanned, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsStaffOrManager, "Only staff and managers scan passes.", ct);
        if (PassToken.Read(protector, scanned) is not { } payload) return new(null, NotAPass);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == payload.MemberId)
            .Select(m => new { m.MemberCode, m.PassVersion, m.AnonymisedAt })
            .FirstOrDefaultAsync(ct);
        // Leaving comes first: asking someone who has left to refresh their pass would not help.
        if (member is null || member.AnonymisedAt is not null) return new(null, LeftProgramme);
        if (payload.ExpiresAt <= calendar.UtcNow) return new(null, Expired);
        if (payload.PassVersion != member.PassVersion) return new(null, Replaced);
        return new(member.MemberCode, null);
    }
}
