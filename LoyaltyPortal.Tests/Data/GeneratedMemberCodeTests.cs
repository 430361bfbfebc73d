using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Data;

public sealed class GeneratedMemberCodeTests
{
    [Fact]
    public void Generated_codes_are_distinct_for_a_million_ids_and_use_the_code_alphabet()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 1; id <= 1_000_000; id++)
        {
            var code = MemberDataGenerator.CodeFor(id);
            Assert.True(codes.Add(code), $"Code {code} repeats at id {id}.");
        }
        Assert.All(codes.Take(1000), code => Assert.True(code.Length == MemberRules.CodeLength && code.All(MemberRules.CodeAlphabet.Contains)));
    }

    [Fact]
    public void Neighbouring_ids_get_unrelated_codes()
    {
        var first = MemberDataGenerator.CodeFor(1000);
        var second = MemberDataGenerator.CodeFor(1001);
        Assert.NotEqual(first[..4], second[..4]);
    }
}
