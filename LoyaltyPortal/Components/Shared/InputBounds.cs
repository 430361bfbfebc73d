using System.ComponentModel.DataAnnotations;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// Runs an input model's DataAnnotations ([Range] bounds) inside the service, so a call that never went through the
/// form meets the same limits. A number the form would refuse, saved by a direct call, used to reach the member pages
/// and overflow a date there.
/// </summary>
public static class InputBounds
{
    /// <summary>Adds each broken bound's message under its property name, unless the field already has a message.</summary>
    public static void AddErrors(IDictionary<string, string> errors, object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames) errors.TryAdd(member, result.ErrorMessage ?? "Check this value.");
        }
    }
}
