using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Yoi.Tests.Support;

/// <summary>
/// Starts the given fixtures, in the given order, before every other fixture of the parallel shift. NUnit queues the
/// fixtures in the order of the namespace tree and orders only siblings (<c>[Order]</c>), so the suite's longest
/// fixtures would otherwise start wherever their namespace sorts and run on alone at the end of the shift. This gives
/// each listed fixture, and every namespace above it, an order: a namespace takes the first of its fixtures' places.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class StartFirstAttribute(params Type[] fixtures) : NUnitAttribute, IApplyToTest
{
    public void ApplyToTest(Test test) => Place(test);

    /// <summary>The first place of a listed fixture at or under <paramref name="test"/>, or null if there is none.</summary>
    private int? Place(ITest test)
    {
        int? place = test.TypeInfo is { } type && Array.IndexOf(fixtures, type.Type) is >= 0 and var index ? index : null;
        foreach (var child in test.Tests)
            if (Place(child) is { } under && (place is null || under < place)) place = under;
        if (place is { } found && test is Test node && !node.Properties.ContainsKey(PropertyNames.Order))
            node.Properties.Set(PropertyNames.Order, found);
        return place;
    }
}
