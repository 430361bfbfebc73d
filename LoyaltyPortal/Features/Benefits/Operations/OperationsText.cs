namespace LoyaltyPortal.Features.Benefits.Operations;

/// <summary>The texts of the staff's event roster, trial desk and guidance sessions (OperationsText.resx and its languages).</summary>
public sealed class OperationsText;
