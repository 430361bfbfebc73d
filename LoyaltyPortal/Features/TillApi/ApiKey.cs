using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>What a till key may do. A call outside its scopes gets 403.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Look members up and read the till summary.</summary>
    MembersRead = 1,

    /// <summary>Enrol new members.</summary>
    MembersWrite = 2,

    /// <summary>Record visits, purchases and refunds.</summary>
    Activity = 4,

    /// <summary>Check members in to today's events.</summary>
    CheckIn = 8,

    All = MembersRead | MembersWrite | Activity | CheckIn,
}

/// <summary>
/// A till's key for <c>/api/v1</c>, acting for one store. Only a hash of the secret is kept; the key is shown once. Each
/// key acts through its own login (role Staff, no password, locked out), so every service checks it like any member of
/// staff, and revoking it deactivates that login.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 80;

    public int Id { get; set; }
    public int StoreId { get; set; }
    public Store? Store { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The public part of the key (<c>lp_</c> + 10 characters), to find the row and to show managers which key is which.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key: keys are 160 random bits, so a fast hash is enough to make a stolen table useless.</summary>
    public byte[] SecretHash { get; set; } = [];
    public ApiScopes Scopes { get; set; }
    public string UserId { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>The till's first answer to a write, replayed for a request with the same <c>Idempotency-Key</c>.</summary>
public sealed class ApiIdempotencyRecord
{
    public const int KeyMaxLength = 100;

    public long Id { get; set; }
    public int ApiKeyId { get; set; }
    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of the method, path and body, so a replay with a different body is refused.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An audit row for every till call, kept like a card view: which key, when, what, for which member.</summary>
public sealed class ApiCall
{
    public long Id { get; set; }
    public int ApiKeyId { get; set; }
    public DateTime At { get; set; }
    public string Method { get; set; } = "";
    public string Route { get; set; } = "";
    public int StatusCode { get; set; }
    public int? MemberId { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>, IEntityTypeConfiguration<ApiIdempotencyRecord>,
    IEntityTypeConfiguration<ApiCall>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.Property(k => k.UserId).HasMaxLength(450);
        key.Property(k => k.CreatedByName).HasMaxLength(100);
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.UserId).IsUnique();
        key.HasOne(k => k.Store).WithMany().HasForeignKey(k => k.StoreId).OnDelete(DeleteBehavior.Cascade);
        key.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ApiIdempotencyRecord> record)
    {
        record.Property(r => r.Key).HasMaxLength(ApiIdempotencyRecord.KeyMaxLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
        record.HasIndex(r => new { r.ApiKeyId, r.CreatedAt });
        record.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ApiCall> call)
    {
        call.Property(c => c.Method).HasMaxLength(8);
        call.Property(c => c.Route).HasMaxLength(100);
        call.HasIndex(c => new { c.ApiKeyId, c.At });
        call.HasIndex(c => new { c.MemberId, c.At });
        call.HasOne<ApiKey>().WithMany().HasForeignKey(c => c.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
