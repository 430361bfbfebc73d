using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Recognition;

public sealed class RecognitionOptions
{
    public const string Section = "Recognition";

    /// <summary>A second "record visit" for the same member at the same store within this many minutes is the same visit.</summary>
    public int VisitWindowMinutes { get; set; } = 120;

    /// <summary>Searches one member of staff may run per period: typing with debounce stays far below it, a script does not.</summary>
    public int SearchBurst { get; set; } = 30;

    public int SearchPeriodSeconds { get; set; } = 10;

    /// <summary>Currencies the tills take, the programme's own first. Purchase points count whole units of any of them.</summary>
    public string[] Currencies { get; set; } = ["GBP", "EUR"];

    /// <summary>A larger single purchase is almost certainly a typo (an extra zero or two).</summary>
    public decimal MaxPurchaseAmount { get; set; } = 10_000m;
}

/// <summary>The staff recognition card: who is in front of them, and one-tap actions that append to the ledger.</summary>
public sealed class RecognitionService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ActivityRecorder recorder, ProgrammeCalendar calendar, IOptions<RecognitionOptions> options, ActiveCallers callers,
    IStringLocalizer<RecognitionText> text)
{
    public const int NoteMaxLength = 500;
    private const int InviteHorizonDays = 14;

    /// <summary>
    /// The member's card by code. Opening a card (<paramref name="isOpening"/>) writes an audit row: who, when, which
    /// store, which member. Refreshing the card after an action does not.
    /// </summary>
    public async Task<RecognitionCard?> GetCardAsync(Caller caller, string memberCode, CancellationToken ct = default, bool isOpening = true)
    {
        await RequireStaffAsync(caller, ct);
        var code = (memberCode ?? "").Trim().ToUpperInvariant();
        if (code.Length is 0 or > 32) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.MemberCode == code && m.AnonymisedAt == null)
            .Select(m => new { m.Id, m.PreferredName, m.MemberCode, m.JoinedAt, m.Birthday, m.WhatMatters }).FirstOrDefaultAsync(ct);
        if (member is null) return null;

        if (isOpening)
        {
            db.CardViews.Add(new CardView { MemberId = member.Id, StaffUserId = caller.UserId, StaffName = caller.DisplayName, StoreId = caller.StoreId, ViewedAt = calendar.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        var now = calendar.UtcNow;
        var tier = await MyProgressService.TierProgressAsync(db, member.Id, now, ct);
        var interests = await db.Set<MemberInterest>().AsNoTracking().Where(i => i.MemberId == member.Id)
            .Select(i => new { i.InterestId, i.Interest!.Name }).OrderBy(i => i.Name).ToListAsync(ct);
        var notes = await db.StaffNotes.AsNoTracking().Where(n => n.MemberId == member.Id).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(20)
            .Select(n => new StaffNoteLine(n.Id, n.Text, n.AuthorName, db.Stores.Where(s => s.Id == n.StoreId).Select(s => s.Name).FirstOrDefault(), n.CreatedAt))
            .ToListAsync(ct);
        var today = await TodaysBookingsAsync(db, member.Id, ct);
        var trials = await ActiveTrialsAsync(db, member.Id, now, ct);
        var lastVisit = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id && a.Type == ActivityType.Visit && a.OccurredAt <= now)
            .OrderByDescending(a => a.OccurredAt).Take(1)
            .Select(a => new LastVisitLine(a.OccurredAt, db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
        var recent = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id && a.OccurredAt <= now && a.Type != ActivityType.StaffNoteAdded)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(5)
            .Select(a => new ActivityLine(a.Id, a.Type, a.OccurredAt, db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(), a.Amount, a.Description, a.Points))
            .ToListAsync(ct);
        var invite = interests.Count == 0 ? null : await InviteAsync(db, caller, member.Id, tier, interests.ToDictionary(i => i.InterestId, i => i.Name), now, ct);

        var facts = new GestureFacts(member.PreferredName, calendar.ToLocal(now), member.Birthday, calendar.ToLocal(member.JoinedAt),
            lastVisit is null ? null : calendar.ToLocal(lastVisit.At), interests.Count > 0 || !string.IsNullOrWhiteSpace(member.WhatMatters),
            tier, today, trials, calendar.ToLocal, invite);
        return new RecognitionCard(member.Id, member.PreferredName, member.MemberCode, member.JoinedAt, tier, interests.Select(i => i.Name).ToList(), member.WhatMatters,
            notes, today, trials, lastVisit, CardGestures.Cues(facts, text), CardGestures.Choose(facts, text), recent);
    }

    private async Task<List<CardBooking>> TodaysBookingsAsync(LoyaltyDbContext db, int memberId, CancellationToken ct)
    {
        var from = calendar.StartOfTodayUtc();
        var to = calendar.ToUtc(calendar.ToLocal(from).AddDays(1));
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == memberId && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Attended) && b.Benefit!.Kind != BenefitKind.Trial)
            .Select(b => new
            {
                b.Id, b.Benefit!.Title, b.Benefit.Kind, b.Seats, b.Status,
                StartsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt,
                EndsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.EndsAt).FirstOrDefault() : b.Benefit.EndsAt,
            })
            .Where(b => b.StartsAt >= from && b.StartsAt < to)
            .ToListAsync(ct);
        return rows.OrderBy(b => b.StartsAt).Select(b => new CardBooking(b.Id, b.Title, b.Kind, b.StartsAt!.Value, b.EndsAt, b.Seats, b.Status)).ToList();
    }

    private static async Task<List<CardTrial>> ActiveTrialsAsync(LoyaltyDbContext db, int memberId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == memberId && b.Benefit!.Kind == BenefitKind.Trial && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.HandedOut))
            .Select(b => new { b.Id, b.Benefit!.Title, b.Benefit.ProductName, b.Status, b.DueAt, b.CreatedAt })
            .ToListAsync(ct);
        return rows.OrderBy(t => t.DueAt ?? DateTime.MaxValue).ThenBy(t => t.CreatedAt)
            .Select(t => new CardTrial(t.Id, t.Title, t.ProductName, t.Status, t.DueAt, t.Status == BookingStatus.HandedOut && t.DueAt < now)).ToList();
    }

    /// <summary>The soonest bookable event in the next fortnight, at this store, that matches an interest and that the member hasn't booked.</summary>
    private async Task<EventInvite?> InviteAsync(LoyaltyDbContext db, Caller caller, int memberId, TierProgress tier, Dictionary<int, string> interests,
        DateTime now, CancellationToken ct)
    {
        var store = caller.StoreId;
        var until = now.AddDays(InviteHorizonDays);
        var interestIds = interests.Keys.ToList();
        var heldThreshold = await db.Tiers.AsNoTracking().Where(t => t.Id == tier.Held.Id).Select(t => (int?)t.Threshold).FirstOrDefaultAsync(ct) ?? 0;
        var candidate = await db.Benefits.AsNoTracking()
            .Where(b => b.Kind == BenefitKind.Event && b.Status == BenefitStatus.Published && b.StartsAt > now && b.StartsAt < until && b.Taken < b.Capacity)
            .Where(b => (b.BookingOpensAt == null || b.BookingOpensAt <= now) && (b.BookingClosesAt == null || b.BookingClosesAt > now))
            .Where(b => store == null || b.LocationStoreId == null || b.LocationStoreId == store)
            .Where(b => !b.Stores.Any() || b.Stores.Any(s => s.StoreId == store))
            .Where(b => b.MinimumTierId == null || db.Tiers.Any(t => t.Id == b.MinimumTierId && t.Threshold <= heldThreshold))
            .Where(b => !b.EligibleInterests.Any() || b.EligibleInterests.Any(e => interestIds.Contains(e.InterestId)))
            .Where(b => b.Interests.Any(i => interestIds.Contains(i.InterestId)))
            .Where(b => !db.Bookings.Any(k => k.BenefitId == b.Id && k.MemberId == memberId && k.Status != BookingStatus.Cancelled))
            .OrderBy(b => b.StartsAt)
            .Select(b => new { b.Title, b.StartsAt, SeatsLeft = b.Capacity - b.Taken, Interest = b.Interests.Where(i => interestIds.Contains(i.InterestId)).Select(i => i.InterestId).First() })
            .FirstOrDefaultAsync(ct);
        return candidate is null ? null : new EventInvite(candidate.Title, calendar.ToLocal(candidate.StartsAt!.Value), interests[candidate.Interest].ToLowerInvariant(), candidate.SeatsLeft);
    }

    /// <summary>Records a till purchase. Refuses non-positive, absurd or over-precise amounts and currencies the tills don't take.</summary>
    public async Task<OperationResult> RecordPurchaseAsync(Caller caller, int memberId, PurchaseInput input, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        var currencies = options.Value.Currencies;
        var currency = (input.Currency ?? "").Trim().ToUpperInvariant();
        const string Amount = nameof(PurchaseInput.Amount);
        if (!currencies.Contains(currency))
        {
            return OperationResult.Refused(nameof(PurchaseInput.Currency), text["Choose a currency: {0}.", string.Join(", ", currencies)]);
        }
        if (input.Amount is not { } amount) return OperationResult.Refused(Amount, text["Enter the amount paid."]);
        if (amount <= 0) return OperationResult.Refused(Amount, text["Enter an amount more than 0. Refunds are handled at the till, not here."]);
        var max = options.Value.MaxPurchaseAmount;
        if (amount > max)
        {
            var tooMuch = text["{0} is more than {1}; check the amount.", ActivityText.Amount(amount, currency), ActivityText.Amount(max, currency)];
            return OperationResult.Refused(Amount, tooMuch);
        }
        // Rounding 12.345 quietly would record a different amount from the till's.
        if (decimal.Round(amount, CurrencyUnits.DecimalPlaces(currency)) != amount)
        {
            return OperationResult.Refused(Amount, CurrencyUnits.TooPrecise(text, currency));
        }
        if (input.TransactionReference is { } reference && TillReferences.Problem(reference) is { } referenceProblem)
        {
            return OperationResult.Refused(nameof(PurchaseInput.TransactionReference), referenceProblem);
        }
        if (input.RequestKey == Guid.Empty && input.TransactionReference is null)
        {
            return OperationResult.Refused(text["Open the purchase form again and re-enter the amount."]);
        }
        if (caller.StoreId is not { } storeId) return OperationResult.Refused(text["Your account is not assigned to a store, so purchases can't be recorded."]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId && m.AnonymisedAt == null).Select(m => m.PreferredName).FirstOrDefaultAsync(ct);
        if (member is null) return OperationResult.Refused(text["We couldn't find that member."]);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (store is null) return OperationResult.Refused(text["Your store is no longer in the programme, so purchases can't be recorded."]);

        var key = input.TransactionReference is { } till ? TillReferences.PurchaseKey(storeId, till) : $"purchase:{memberId}:{input.RequestKey:N}";
        var saved = await AppendOnceAsync(db, new Activity
        {
            MemberId = memberId, Type = ActivityType.Purchase, OccurredAt = calendar.UtcNow, StoreId = storeId, StaffUserId = caller.UserId,
            Amount = amount, Currency = currency, SourceKey = key, Description = $"At {store}",
        }, ct);
        if (!saved) return OperationResult.Done(text["That purchase is already recorded for {0}.", member]);
        return OperationResult.Done(text["Purchase of {0} recorded for {1}.", ActivityText.Amount(amount, currency), member]);
    }

    /// <summary>Adds a staff note, newest first on the card, and a ledger row so the audit trail shows who wrote about whom.</summary>
    public async Task<OperationResult> AddNoteAsync(Caller caller, int memberId, NoteInput input, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        if (TextRules.DirectionProblem(input.Text) is { } direction) return OperationResult.Refused(nameof(input.Text), direction);
        var note = CleanNote(input.Text);
        if (note.Length == 0) return OperationResult.Refused(nameof(input.Text), text["Write the note first."]);
        if (note.Length > NoteMaxLength)
        {
            return OperationResult.Refused(nameof(input.Text), text["Keep notes to {0} characters ({1} now).", NoteMaxLength, note.Length]);
        }
        if (input.RequestKey == Guid.Empty) return OperationResult.Refused(text["Open the note form again and re-enter the note."]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId && m.AnonymisedAt == null).Select(m => m.PreferredName).FirstOrDefaultAsync(ct);
        if (member is null) return OperationResult.Refused(text["We couldn't find that member."]);
        int? storeId = caller.StoreId is { } id && await db.Stores.AnyAsync(s => s.Id == id, ct) ? id : null;
        var now = calendar.UtcNow;
        db.StaffNotes.Add(new StaffNote { MemberId = memberId, AuthorUserId = caller.UserId, AuthorName = caller.DisplayName, StoreId = storeId, Text = note, CreatedAt = now });
        var saved = await AppendOnceAsync(db, new Activity
        {
            MemberId = memberId, Type = ActivityType.StaffNoteAdded, OccurredAt = now, StoreId = storeId, StaffUserId = caller.UserId,
            SourceKey = $"note:{memberId}:{input.RequestKey:N}",
        }, ct);
        if (!saved) return OperationResult.Done(text["That note is already saved."]);
        return OperationResult.Done(text["Note added for {0}.", member]);
    }

    /// <summary>Trims, drops control characters and collapses runs of blank lines, keeping the words staff wrote.</summary>
    internal static string CleanNote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n"))
        {
            if (c == '\n' || !char.IsControl(c)) kept.Append(c);
        }
        return System.Text.RegularExpressions.Regex.Replace(kept.ToString(), "\n{3,}", "\n\n").Trim();
    }

    /// <summary>
    /// Saves the ledger row (and anything else tracked) once per source key, behind the member's lock. A duplicate
    /// that still slips past (a lock-free writer) loses on the unique index and counts as already saved.
    /// </summary>
    private async Task<bool> AppendOnceAsync(LoyaltyDbContext db, Activity activity, CancellationToken ct)
    {
        await using var transaction = await ActivityRecorder.BeginForMemberAsync(db, activity.MemberId, ct);
        var recorded = await recorder.AppendAsync(db, activity, ct);
        if (!recorded.Added) return false;
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await recorder.DeliverAsync(recorded, ct);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            if (await check.Activities.AnyAsync(a => a.SourceKey == activity.SourceKey, ct)) return false;
            throw;
        }
    }

    /// <summary>
    /// Records that the member is in the caller's store. Idempotent per member and store within the visit window, so
    /// a double tap or a second member of staff records one visit.
    /// </summary>
    public async Task<OperationResult> RecordVisitAsync(Caller caller, int memberId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        if (caller.StoreId is not { } storeId) return OperationResult.Refused(text["Your account is not assigned to a store, so visits can't be recorded."]);
        var now = calendar.UtcNow;
        var window = TimeSpan.FromMinutes(Math.Max(1, options.Value.VisitWindowMinutes));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId && m.AnonymisedAt == null).Select(m => m.PreferredName).FirstOrDefaultAsync(ct);
        if (member is null) return OperationResult.Refused(text["We couldn't find that member."]);
        var since = now - window;
        if (await db.Activities.AnyAsync(a => a.MemberId == memberId && a.StoreId == storeId && a.Type == ActivityType.Visit && a.OccurredAt > since, ct))
        {
            return OperationResult.Done(text["{0}'s visit is already recorded.", member]);
        }

        // The key names the window-sized slot, so two taps racing past the check above still write one row.
        var slot = now.Ticks / window.Ticks;
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        // A stale sign-in can name a store that is gone; the ledger would refuse the row on its foreign key.
        if (store is null) return OperationResult.Refused(text["Your store is no longer in the programme, so visits can't be recorded."]);
        RecordedActivity recorded;
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, memberId, ct))
        {
            recorded = await recorder.AppendAsync(db, new Activity
            {
                MemberId = memberId, Type = ActivityType.Visit, OccurredAt = now, StoreId = storeId, StaffUserId = caller.UserId,
                SourceKey = $"visit:{memberId}:{storeId}:{slot}", Description = $"Welcomed at {store}",
            }, ct);
            if (!recorded.Added) return OperationResult.Done(text["{0}'s visit is already recorded.", member]);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                if (!await VisitExistsAsync(memberId, storeId, slot, ct)) throw;
                return OperationResult.Done(text["{0}'s visit is already recorded.", member]);
            }
        }
        await recorder.DeliverAsync(recorded, ct);
        return OperationResult.Done(text["Visit recorded for {0}.", member]);
    }

    private async Task<bool> VisitExistsAsync(int memberId, int storeId, long slot, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = $"visit:{memberId}:{storeId}:{slot}";
        return await db.Activities.AnyAsync(a => a.SourceKey == key, ct);
    }

    private Task RequireStaffAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsStaff, "Only store staff use the recognition card.", ct);
}
