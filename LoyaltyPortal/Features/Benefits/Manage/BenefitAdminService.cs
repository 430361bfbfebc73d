using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// Managers create, edit, publish and archive benefits and see how they are doing. Capacity only ever drops
/// through a conditional update (<c>Taken &lt;= new capacity</c>) inside a writer transaction, so a booking
/// racing the edit can never leave the event oversold.
/// </summary>
public sealed class BenefitAdminService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, BookingService bookings,
    BenefitCatalogue catalogue, ProgrammeCalendar calendar, ActiveCallers callers, IStringLocalizer<BenefitsManageText> text)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<IReadOnlyList<BenefitListRow>> ListAsync(Caller caller, BenefitListFilter filter, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Benefits.AsNoTracking();
        if (filter.Kind is { } kind) query = query.Where(b => b.Kind == kind);
        if (filter.Status is { } status) query = query.Where(b => b.Status == status);
        else if (!filter.IncludeArchived) query = query.Where(b => b.Status != BenefitStatus.Archived);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(b => b.Title.ToLower().Contains(text));
        }
        var benefits = await query.OrderByDescending(b => b.StartsAt ?? b.CreatedAt)
            .Select(b => new BenefitHead(b.Id, b.Kind, b.Title, b.Status, b.StartsAt, b.Capacity, b.Taken))
            .ToListAsync(ct);
        var ids = benefits.Select(b => b.Id).ToList();
        var stats = await StatsAsync(db, ids, ct);
        var images = await BenefitImageView.LoadAsync(db, i => ids.Contains(i.BenefitId), ct);
        return benefits.Select(b => Row(b, stats) with { Image = images.GetValueOrDefault(b.Id) }).ToList();
    }

    /// <summary>A blank editor with the defaults a manager would pick most often.</summary>
    public BenefitEditor NewEditor(BenefitKind kind)
    {
        var today = calendar.ToLocal(calendar.UtcNow).Date;
        return kind switch
        {
            BenefitKind.Event => new() { Kind = kind, Capacity = 20, WaitlistEnabled = true, CancellationCutoffHours = 24 },
            BenefitKind.Trial => new() { Kind = kind, Capacity = 10, TrialDays = 30, WaitlistEnabled = true },
            _ => new()
            {
                Kind = BenefitKind.Guidance, SlotMinutes = 30, CancellationCutoffHours = 12, AvailableFrom = today, AvailableUntil = today.AddDays(27),
                Availability = [new AvailabilityWindow()],
            },
        };
    }

    public async Task<BenefitEditor?> GetEditorAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var benefit = await WithParts(db.Benefits.AsNoTracking()).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (benefit is null) return null;
        var image = (await BenefitImageView.LoadAsync(db, i => i.BenefitId == id, ct)).GetValueOrDefault(id);
        return BenefitEditorRules.ToEditor(benefit, image, calendar);
    }

    public async Task<BenefitSaveResult> SaveAsync(Caller caller, BenefitEditor editor, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var now = calendar.UtcNow;
        var errors = BenefitEditorRules.Validate(editor, now, calendar, text);
        if (errors.Count > 0) return BenefitSaveResult.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (editor.Kind == BenefitKind.Guidance && !await StaffUsers(db).AnyAsync(u => u.Id == editor.ExpertUserId, ct))
        {
            return BenefitSaveResult.Field(nameof(BenefitEditor.ExpertUserId), text["Choose a member of staff as the expert."]);
        }

        Benefit benefit;
        var raised = false;
        try
        {
            // A writer from the start (BEGIN IMMEDIATE on SQLite): what we read is what we change.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (editor.Id is { } id)
            {
                var found = await WithParts(db.Benefits).FirstOrDefaultAsync(b => b.Id == id, ct);
                if (found is null) return BenefitSaveResult.Refused(text["This benefit no longer exists."]);
                if (found.Kind != editor.Kind) return BenefitSaveResult.Refused(text["A benefit can't change its kind."]);
                if (found.Status == BenefitStatus.Archived) return BenefitSaveResult.Refused(text["Archived benefits can't be edited."]);
                benefit = found;
                if (benefit.Kind != BenefitKind.Guidance && editor.Capacity != benefit.Capacity)
                {
                    if (await ChangeCapacityAsync(db, benefit, editor.Capacity, ct) is { } refusal) return refusal;
                    raised = editor.Capacity > benefit.Capacity;
                    // Written by the conditional update above; keep SaveChanges from writing it again.
                    benefit.Capacity = editor.Capacity;
                    db.Entry(benefit).Property(b => b.Capacity).IsModified = false;
                }
            }
            else
            {
                benefit = new Benefit
                {
                    Kind = editor.Kind, Status = BenefitStatus.Draft, CreatedAt = now,
                    Capacity = editor.Kind == BenefitKind.Guidance ? 0 : editor.Capacity,
                };
                db.Benefits.Add(benefit);
            }
            BenefitEditorRules.Apply(editor, benefit, calendar);
            benefit.UpdatedAt = now;
            if (editor.Id is not null && ChangesCalendarEntries(db, benefit))
            {
                // Members' saved calendar entries now show an old time, place or title: a higher SEQUENCE lets the next file replace them.
                await db.Bookings.Where(b => b.BenefitId == benefit.Id && b.Status != BookingStatus.Cancelled)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.CalendarSequence, b => b.CalendarSequence + 1), ct);
            }
            await db.SaveChangesAsync(ct);
            if (benefit.Kind == BenefitKind.Guidance && await ScheduleSlotsAsync(db, benefit, editor, now, ct) is { } slotRefusal) return slotRefusal;
            await transaction.CommitAsync(ct);
            catalogue.Invalidate();
        }
        catch (DbUpdateException)
        {
            // A store, tier or interest picked in the editor was deleted meanwhile (foreign key).
            return BenefitSaveResult.Refused(text["Something you picked no longer exists. Reload the page and try again."]);
        }

        // After commit, so the freed seats are visible to the promotion's own transaction.
        if (raised) await bookings.PromoteWaitlistAsync(benefit.Id, ct);
        return new BenefitSaveResult(true, benefit.Id, NoErrors, editor.Id is null ? text["Saved as a draft."] : text["Saved."]);
    }

    public Task<OperationResult> PublishAsync(Caller caller, int id, CancellationToken ct = default) =>
        ChangeStatusAsync(caller, id, BenefitStatus.Published, ct);

    public Task<OperationResult> UnpublishAsync(Caller caller, int id, CancellationToken ct = default) =>
        ChangeStatusAsync(caller, id, BenefitStatus.Unpublished, ct);

    public Task<OperationResult> ArchiveAsync(Caller caller, int id, CancellationToken ct = default) =>
        ChangeStatusAsync(caller, id, BenefitStatus.Archived, ct);

    public async Task<OperationResult> SetImageAsync(Caller caller, int id,
    Stream content, string? contentType, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        if (contentType is { Length: > 0 } declared && !declared.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return new(false, text[BenefitImageFormat.NotAPictureMessage]);
        }
        var data = await ReadAtMostAsync(content, BenefitImageFormat.MaxBytes, ct);
        if (data is null) return new(false, text[BenefitImageFormat.TooLargeMessage]);
        // The bytes decide, not the name or the browser's claim.
        if (BenefitImageFormat.Inspect(data) is not { } facts)
        {
            return new(false, text[BenefitImageFormat.LooksLikeSvg(data) ? BenefitImageFormat.SvgMessage : BenefitImageFormat.NotAPictureMessage]);
        }
        if (facts.Width > BenefitImageFormat.MaxSide || facts.Height > BenefitImageFormat.MaxSide) return new(false, text["The picture is larger than {0} × {0} pixels. Please choose a smaller one.", BenefitImageFormat.MaxSide]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        // Two uploads at once would both find no picture and both insert one. Touching the benefit first takes its
        // row lock (PostgreSQL) or the write lock (SQLite), so the second waits and then replaces the first's picture.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var touched = await db.Benefits.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.UpdatedAt, now), ct);
        if (touched == 0) return new(false, text["This benefit no longer exists."]);
        var image = await db.BenefitImages.FirstOrDefaultAsync(i => i.BenefitId == id, ct);
        if (image is null) db.BenefitImages.Add(image = new BenefitImage { BenefitId = id });
        // A new picture starts centred: the old crop was chosen for a different picture.
        image.ContentType = facts.ContentType;
        image.Data = data;
        image.Illustration = null;
        (image.FocusX, image.FocusY, image.Zoom) = ImageCrop.Centre;
        image.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        catalogue.Invalidate();
        return new(true, text["Picture saved."]);
    }

    public async Task<BenefitImageView?> GetImageAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await BenefitImageView.LoadAsync(db, i => i.BenefitId == id, ct)).GetValueOrDefault(id);
    }

    /// <summary>Frames the current picture. Every number is bounded here, whatever the sliders allowed.</summary>
    public async Task<OperationResult> SetImageCropAsync(Caller caller, int id, ImageCrop crop, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        if (!crop.IsValid) return new(false, text[ImageCrop.OutOfRangeMessage]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.BenefitImages.Where(i => i.BenefitId == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.FocusX, crop.FocusX).SetProperty(i => i.FocusY, crop.FocusY).SetProperty(i => i.Zoom, crop.Zoom)
            .SetProperty(i => i.UpdatedAt, calendar.UtcNow), ct);
        if (changed == 0) return new(false, text["There is no picture to crop. Upload one first."]);
        catalogue.Invalidate();
        return new(true, text["Crop saved."]);
    }

    public async Task<OperationResult> RemoveImageAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.BenefitImages.Where(i => i.BenefitId == id).ExecuteDeleteAsync(ct);
        catalogue.Invalidate();
        return new(true, removed > 0 ? text["Picture removed."] : text["There was no picture."]);
    }

    public async Task<BenefitOverview?> GetOverviewAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var benefit = await db.Benefits.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new
            {
                Head = new BenefitHead(b.Id, b.Kind, b.Title, b.Status, b.StartsAt, b.Capacity, b.Taken),
                b.EndsAt, b.ProductName,
                Where = db.Stores.Where(s => s.Id == (b.Kind == BenefitKind.Trial ? b.PickupStoreId : b.LocationStoreId)).Select(s => s.Name).FirstOrDefault() ?? b.LocationAddress,
                Expert = db.Users.Where(u => u.Id == b.ExpertUserId).Select(u => u.DisplayName).FirstOrDefault(),
                HasImage = db.BenefitImages.Any(i => i.BenefitId == b.Id),
            })
            .FirstOrDefaultAsync(ct);
        if (benefit is null) return null;

        var stats = await StatsAsync(db, [id], ct);
        var rows = await db.Bookings.AsNoTracking().Where(b => b.BenefitId == id && b.Status != BookingStatus.Cancelled)
            .Join(db.Members, b => b.MemberId, m => m.Id, (b, m) => new
            {
                b.Id, b.Status, b.Seats, b.CreatedAt, b.WaitlistedAt, b.CheckedInAt, b.DueAt, b.SlotId, m.PreferredName, m.MemberCode,
            })
            .ToListAsync(ct);
        var slots = await db.GuidanceSlots.AsNoTracking().Where(s => s.BenefitId == id).ToDictionaryAsync(s => s.Id, ct);
        var ratings = await db.ExperienceFeedback.AsNoTracking().Where(f => f.BenefitId == id).Select(f => f.Rating).ToListAsync(ct);
        var now = calendar.UtcNow;

        var roster = benefit.Head.Kind == BenefitKind.Event
            ? rows.Where(r => r.Status is BookingStatus.Confirmed or BookingStatus.Attended or BookingStatus.NoShow).OrderBy(r => r.PreferredName)
                .Select(r => new RosterRow(r.Id, r.PreferredName, r.MemberCode, r.Status, r.Seats, r.CreatedAt, r.CheckedInAt)).ToList()
            : [];
        var waitlist = rows.Where(r => r.Status == BookingStatus.Waitlisted).OrderBy(r => r.WaitlistedAt).ThenBy(r => r.Id)
            .Select((r, i) => new WaitlistRow(i + 1, r.Id, r.PreferredName, r.MemberCode, r.Seats, r.WaitlistedAt ?? r.CreatedAt)).ToList();
        var trials = benefit.Head.Kind == BenefitKind.Trial
            ? rows.Where(r => r.Status != BookingStatus.Waitlisted).OrderBy(r => r.DueAt ?? DateTime.MaxValue).ThenBy(r => r.CreatedAt)
                .Select(r => new TrialRow(r.Id, r.PreferredName, r.MemberCode, r.Status, r.CreatedAt, r.DueAt, r.Status == BookingStatus.HandedOut && r.DueAt < now)).ToList()
            : [];
        var sessions = rows.Where(r => r.SlotId is { } slotId && slots.ContainsKey(slotId)).Select(r => (Row: r, Slot: slots[r.SlotId!.Value]))
            .OrderBy(x => x.Slot.StartsAt)
            .Select(x => new SessionRow(x.Row.Id, x.Slot.StartsAt, x.Slot.EndsAt, x.Row.PreferredName, x.Row.MemberCode, x.Row.Status)).ToList();

        return new BenefitOverview(Row(benefit.Head, stats), benefit.EndsAt, benefit.Where, benefit.ProductName, benefit.Expert, benefit.HasImage,
            ratings.Count == 0 ? null : ratings.Average(), ratings.Count, roster, waitlist, trials, sessions);
    }

    public async Task<BenefitChoices> GetChoicesAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).Select(t => new NamedOption(t.Id, t.Name)).ToListAsync(ct);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new NamedOption(s.Id, s.Name)).ToListAsync(ct);
        var interests = await db.Interests.AsNoTracking().OrderBy(i => i.Name).Select(i => new NamedOption(i.Id, i.Name)).ToListAsync(ct);
        var experts = await StaffUsers(db).OrderBy(u => u.DisplayName).Select(u => new ExpertOption(u.Id, u.DisplayName)).ToListAsync(ct);
        return new BenefitChoices(tiers, stores, interests, experts);
    }

    private sealed record BenefitHead(int Id, BenefitKind Kind, string Title, BenefitStatus Status, DateTime? StartsAt, int Capacity, int Taken);

    private sealed record BenefitStats(
        Dictionary<(int BenefitId, BookingStatus Status), int> Counts, Dictionary<int, int> BookedSlots, Dictionary<int, int> FreeSlots)
    {
        public int Count(int id, BookingStatus status) => Counts.GetValueOrDefault((id, status));
    }

    private async Task<BenefitStats> StatsAsync(LoyaltyDbContext db, List<int> ids, CancellationToken ct)
    {
        var now = calendar.UtcNow;
        var counts = await db.Bookings.AsNoTracking().Where(b => ids.Contains(b.BenefitId))
            .GroupBy(b => new { b.BenefitId, b.Status })
            .Select(g => new { g.Key.BenefitId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var booked = await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.BenefitId) && b.SlotId != null && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Attended))
            .GroupBy(b => b.BenefitId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var free = await BenefitCatalogue.FreeSlots(db, now).Where(s => ids.Contains(s.BenefitId))
            .GroupBy(s => s.BenefitId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new BenefitStats(counts.ToDictionary(c => (c.BenefitId, c.Status), c => c.Count),
            booked.ToDictionary(b => b.Id, b => b.Count), free.ToDictionary(f => f.Id, f => f.Count));
    }

    private static BenefitListRow Row(BenefitHead b, BenefitStats stats)
    {
        int Count(BookingStatus status) => stats.Count(b.Id, status);
        static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
        var (attended, noShow, kept, returned) = (Count(BookingStatus.Attended), Count(BookingStatus.NoShow), Count(BookingStatus.Kept), Count(BookingStatus.Returned));
        var live = Count(BookingStatus.Confirmed) + attended + Count(BookingStatus.HandedOut);
        return new BenefitListRow(b.Id, b.Kind, b.Title, b.Status, b.StartsAt, b.Capacity, b.Taken, live, Count(BookingStatus.Waitlisted),
            Rate(attended, attended + noShow), Rate(noShow, attended + noShow), Rate(kept, kept + returned),
            stats.BookedSlots.GetValueOrDefault(b.Id), stats.FreeSlots.GetValueOrDefault(b.Id));
    }

    private async Task<BenefitSaveResult?> ChangeCapacityAsync(LoyaltyDbContext db, Benefit benefit,
    int capacity, CancellationToken ct)
    {
        var id = benefit.Id;
        var changed = await db.Benefits.Where(b => b.Id == id && b.Taken <= capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Capacity, capacity), ct);
        if (changed > 0) return null;
        var taken = await db.Benefits.Where(b => b.Id == id).Select(b => b.Taken).FirstAsync(ct);
        var message = benefit.Kind == BenefitKind.Trial
            ? taken == 1 ? text["1 unit is claimed; capacity can't go below 1."] : text["{0} units are claimed; capacity can't go below {0}.", taken]
            : taken == 1 ? text["1 seat is booked; capacity can't go below 1."] : text["{0} seats are booked; capacity can't go below {0}.", taken];
        return BenefitSaveResult.Field(nameof(BenefitEditor.Capacity), message);
    }

    /// <summary>
    /// Brings the future sessions in line with the availability: booked sessions stay (and must still fit),
    /// free ones that no longer fit go, and missing ones are added. Past sessions are history and never touched.
    /// </summary>
    private async Task<BenefitSaveResult?> ScheduleSlotsAsync(LoyaltyDbContext db, Benefit benefit,
    BenefitEditor editor, DateTime now, CancellationToken ct)
    {
        var (from, until) = (benefit.AvailableFrom!.Value, benefit.AvailableUntil!.Value);
        var existing = await db.GuidanceSlots.Where(s => s.BenefitId == benefit.Id && s.StartsAt > now)
            .Select(s => new { s.Id, s.StartsAt, s.EndsAt, Booked = db.Bookings.Any(b => b.SlotId == s.Id && b.Status != BookingStatus.Cancelled) })
            .ToListAsync(ct);
        var stranded = existing.Where(s => s.Booked && !GuidanceSchedule.Fits(s.StartsAt, s.EndsAt, from, until, editor.Availability, calendar))
            .OrderBy(s => s.StartsAt).FirstOrDefault();
        if (stranded is not null)
        {
            return BenefitSaveResult.Field(nameof(BenefitEditor.Availability),
                text["The session booked for {0} would be outside the availability. Move or cancel it first.", calendar.FormatDateTime(stranded.StartsAt)]);
        }

        var wanted = GuidanceSchedule.Slots(from, until, editor.Availability, benefit.SlotMinutes, calendar).Where(s => s.StartsAt > now).ToList();
        var wantedSet = wanted.ToHashSet();
        var stale = existing.Where(s => !s.Booked && !wantedSet.Contains((s.StartsAt, s.EndsAt))).Select(s => s.Id).ToList();
        if (stale.Count > 0)
        {
            // Cancelled bookings may still point at a slot; let go of it so the slot can be deleted.
            await db.Bookings.Where(b => b.SlotId != null && stale.Contains(b.SlotId.Value)).ExecuteUpdateAsync(s => s.SetProperty(b => b.SlotId, (int?)null), ct);
            await db.GuidanceSlots.Where(s => stale.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }
        var kept = existing.Where(s => !stale.Contains(s.Id)).ToList();
        db.GuidanceSlots.AddRange(wanted
            .Where(w => !kept.Any(k => k.StartsAt < w.EndsAt && w.StartsAt < k.EndsAt))
            .Select(w => new GuidanceSlot { BenefitId = benefit.Id, StartsAt = w.StartsAt, EndsAt = w.EndsAt }));
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static bool ChangesCalendarEntries(LoyaltyDbContext db, Benefit benefit)
    {
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(benefit);
        return entry.Property(b => b.Title).IsModified || entry.Property(b => b.StartsAt).IsModified || entry.Property(b => b.EndsAt).IsModified
            || entry.Property(b => b.LocationStoreId).IsModified || entry.Property(b => b.LocationAddress).IsModified;
    }

    private async Task<OperationResult> ChangeStatusAsync(Caller caller, int id, BenefitStatus target, CancellationToken ct)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var benefit = await db.Benefits.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new
            {
                b.Status, b.Kind, b.StartsAt, FutureSlots = db.GuidanceSlots.Count(s => s.BenefitId == b.Id && s.StartsAt > now),
                HasPlace = b.LocationStoreId != null || b.LocationAddress != null,
            })
            .FirstOrDefaultAsync(ct);
        if (benefit is null) return new(false, text["This benefit no longer exists."]);
        if (benefit.Status == target) return new(true, target switch { BenefitStatus.Published => text["It's already published."], BenefitStatus.Archived => text["It's already archived."], _ => text["It's already unpublished."] });

        var refusal = target switch
        {
            _ when benefit.Status == BenefitStatus.Archived => text["Archived benefits can't be changed."],
            BenefitStatus.Published when benefit.Kind == BenefitKind.Event && benefit.StartsAt <= now => text["This event has already started, so it can't be published."],
            BenefitStatus.Published when benefit.Kind == BenefitKind.Guidance && benefit.FutureSlots == 0 => text["There are no future session times. Add availability first."],
            // Guidance saved before a place was required.
            BenefitStatus.Published when benefit.Kind == BenefitKind.Guidance && !benefit.HasPlace =>
                text["Add a store or an address first, so members know where to go."],
            BenefitStatus.Unpublished when benefit.Status != BenefitStatus.Published => text["Only a published benefit can be unpublished."],
            _ => (string?)null,
        };
        if (refusal is not null) return new(false, refusal);

        // Only from the status we checked: a second tab that changed it meanwhile wins.
        var from = benefit.Status;
        var changed = await db.Benefits.Where(b => b.Id == id && b.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, target).SetProperty(b => b.UpdatedAt, now), ct);
        if (changed == 0) return new(false, text["It changed meanwhile. Reload and try again."]);
        catalogue.Invalidate();
        return new(true, target switch
        {
            BenefitStatus.Published => text["Published: members can see it now."],
            BenefitStatus.Archived => text["Archived. Existing bookings are kept."],
            _ => text["Unpublished: members no longer see it. Existing bookings are kept."],
        });
    }

    private static IQueryable<Benefit> WithParts(IQueryable<Benefit> benefits) =>
        benefits.Include(b => b.Stores).Include(b => b.Interests).Include(b => b.EligibleInterests).Include(b => b.Availability).AsSplitQuery();

    private static IQueryable<ApplicationUser> StaffUsers(LoyaltyDbContext db) =>
        db.Users.Where(u => !u.IsDeactivated && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Staff)));

    /// <summary>The stream's bytes, or null when there are more than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream content, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers manage benefits.", ct);
}
