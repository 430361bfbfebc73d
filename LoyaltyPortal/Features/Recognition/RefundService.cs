using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>A till's refund or return: the sale it reverses, what it refunds (the rest of the sale when empty) and its own reference.</summary>
public sealed record RefundInput(string? TransactionReference, string? RefundReference, decimal? Amount, string? Currency);

/// <summary>
/// Refunds and returns against a till sale recorded with its transaction reference. Each takes back the sale's points in
/// proportion to the amount (all that is left on the last one), and several partial refunds never add up to more than
/// the sale: they are counted behind the member's lock.
/// </summary>
public sealed class RefundService(IDbContextFactory<LoyaltyDbContext> dbFactory, ActivityRecorder recorder, ProgrammeCalendar calendar, ActiveCallers callers)
{
    public async Task<OperationResult> RecordRefundAsync(Caller caller, int memberId, RefundInput input, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsStaff, "Only store staff and tills record refunds.", ct);
        if (TillReferences.Problem(input.TransactionReference) is { } saleProblem) return OperationResult.Refused(nameof(input.TransactionReference), saleProblem);
        if (TillReferences.Problem(input.RefundReference) is { } refundProblem) return OperationResult.Refused(nameof(input.RefundReference), refundProblem);
        if (input.Amount is <= 0) return OperationResult.Refused(nameof(input.Amount), "Enter an amount more than 0, or none to refund the rest of the sale.");
        if (caller.StoreId is not { } storeId) return OperationResult.Refused("Your account is not assigned to a store, so refunds can't be recorded.");

        var saleKey = TillReferences.PurchaseKey(storeId, input.TransactionReference!);
        var prefix = TillReferences.RefundKeyPrefix(storeId, input.TransactionReference!);
        var refundKey = prefix + input.RefundReference;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        RecordedActivity recorded;
        string message;
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, memberId, ct))
        {
            var sale = await db.Activities.AsNoTracking().Where(a => a.SourceKey == saleKey && a.MemberId == memberId && a.Type == ActivityType.Purchase)
                .Select(a => new { Amount = a.Amount ?? 0, a.Currency, a.Points }).FirstOrDefaultAsync(ct);
            if (sale is null) return OperationResult.Refused(nameof(input.TransactionReference), "No sale with that reference is recorded for this member at this store.");
            var currency = sale.Currency ?? "GBP";
            if (input.Currency is { } given && !string.Equals(given.Trim(), currency, StringComparison.OrdinalIgnoreCase))
            {
                return OperationResult.Refused(nameof(input.Currency), $"The sale was in {currency}; refund it in {currency}.");
            }
            if (await db.Activities.AnyAsync(a => a.SourceKey == refundKey, ct)) return OperationResult.Done("That refund is already recorded.");

            var earlier = await db.Activities.AsNoTracking().Where(a => a.MemberId == memberId && a.Type == ActivityType.Refund && a.SourceKey.StartsWith(prefix))
                .Select(a => new { Amount = a.Amount ?? 0, a.Points }).ToListAsync(ct);
            var left = sale.Amount + earlier.Sum(r => r.Amount);
            var pointsLeft = sale.Points + earlier.Sum(r => r.Points);
            var amount = input.Amount ?? left;
            if (left <= 0) return OperationResult.Refused(nameof(input.Amount), "This sale is already refunded in full.");
            if (amount > left) return OperationResult.Refused(nameof(input.Amount), $"Only {ActivityText.Amount(left, currency)} of this sale is left to refund.");
            if (decimal.Round(amount, CurrencyUnits.DecimalPlaces(currency)) != amount) return OperationResult.Refused(nameof(input.Amount), CurrencyUnits.TooPrecise(currency));

            var points = amount == left ? pointsLeft : (int)Math.Min(pointsLeft, Math.Floor(sale.Points * amount / sale.Amount));
            var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
            recorded = await recorder.AppendAsync(db, new Activity
            {
                MemberId = memberId, Type = ActivityType.Refund, OccurredAt = calendar.UtcNow, StoreId = storeId, StaffUserId = caller.UserId,
                Amount = -amount, Currency = currency, Points = -points, SourceKey = refundKey, Description = store is null ? null : $"At {store}",
            }, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            message = $"Refund of {ActivityText.Amount(amount, currency)} recorded; {points} points taken back.";
        }
        await recorder.DeliverAsync(recorded, ct);
        return OperationResult.Done(message);
    }
}
