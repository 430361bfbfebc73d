using System.Reflection;
using LoyaltyPortal.Data;
using Xunit.Sdk;
using Xunit.v3;

namespace LoyaltyPortal.Tests;

/// <summary>
/// Supplies each database provider the run has: SQLite always, PostgreSQL when <c>LOYALTY_TEST_POSTGRES</c> is set.
/// Use on a <c>[Theory]</c> whose first parameter is a <see cref="DatabaseProvider"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(TestDb.Providers.Select(p => (ITheoryDataRow)new TheoryDataRow<DatabaseProvider>(p)).ToList());

    public override bool SupportsDiscoveryEnumeration() => true;
}
