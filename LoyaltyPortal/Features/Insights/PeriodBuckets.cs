using System.Linq.Expressions;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Puts a row into a period (0 for the first) inside the query, by comparing its UTC instant with each period's
/// local start as a UTC instant: no date functions, so SQLite and PostgreSQL agree, and periods follow the local
/// calendar across clock changes. The comparisons form a balanced tree, so 24 months nest only five deep.
/// </summary>
internal static class PeriodBuckets
{
    public static Expression<Func<TRow, T>> With<TRow, T>(
        Expression<Func<TRow, DateTime>> instant, DateTime[] periodStarts, Expression<Func<TRow, int, T>> projection)
    {
        var row = projection.Parameters[0];
        var at = new Substitute(instant.Parameters[0], row).Visit(instant.Body);
        var period = Index(at, periodStarts, 0, periodStarts.Length - 1);
        var body = new Substitute(projection.Parameters[1], period).Visit(projection.Body);
        return Expression.Lambda<Func<TRow, T>>(body, row);
    }

    private static Expression Index(Expression at, DateTime[] starts, int first, int last)
    {
        if (first == last) return Expression.Constant(first);
        var middle = (first + last + 1) / 2;
        return Expression.Condition(
            Expression.LessThan(at, Expression.Constant(starts[middle])),
            Index(at, starts, first, middle - 1),
            Index(at, starts, middle, last));
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
