namespace LoyaltyPortal.Data;

public sealed class Store
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    public string Address { get; set; } = "";
}
