namespace Yoi.Core.Tickets;

/// <summary>
/// Who a Ticket event is recorded as when no author is given: the Pod this process runs in (<c>YOI_POD</c>, set for
/// every agent a Pod starts), else its role (<c>YOI_ROLE</c>), else the login name (<c>USER</c>), else <c>unknown</c>.
/// </summary>
public static class TicketAuthor
{
    public const string PodVariable = "YOI_POD";
    public const string RoleVariable = "YOI_ROLE";

    public static string FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        foreach (var name in new[] { PodVariable, RoleVariable, "USER" })
            if (env(name) is { } value && value.Trim().Length > 0) return value.Trim();
        return "unknown";
    }
}
