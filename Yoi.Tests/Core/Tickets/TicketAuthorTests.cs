using Yoi.Core.Tickets;

namespace Yoi.Tests.Core.Tickets;

public class TicketAuthorTests
{
    [TestCase("intake-abc", "intake", "me", "intake-abc")]
    [TestCase(null, "orchestrator", "me", "orchestrator")]
    [TestCase("  ", null, "me", "me")]
    [TestCase(null, null, null, "unknown")]
    public void The_pod_then_the_role_then_the_user_is_the_author(string? pod, string? role, string? user, string expected)
    {
        var env = new Dictionary<string, string?> { ["YOI_POD"] = pod, ["YOI_ROLE"] = role, ["USER"] = user };
        Assert.That(TicketAuthor.FromEnvironment(n => env.GetValueOrDefault(n)), Is.EqualTo(expected));
    }
}
