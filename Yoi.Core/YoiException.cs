namespace Yoi.Core;

/// <summary>
/// The base of yoi's own refusals and failures (a Ticket that cannot move, a claim owned by another Pod, an unusable
/// config, a Pod that did not start, …). Its message is for the user: what, why, and the next step;
/// <see cref="NextStep"/> carries the next step on its own when the thrower has one. Each boundary — a CLI command
/// (<c>CliContext.RunAsync</c>, <c>TicketCommandContext.Run</c>), a panel action (<c>PanelIntentDispatch</c>), the
/// daemon (<c>yoi pod run</c>) — catches this type once, next to the OS-level failures (<see cref="IOException"/>,
/// <see cref="UnauthorizedAccessException"/>, <see cref="TimeoutException"/>), so adding a failure type never means
/// editing a catch list. It is an <see cref="InvalidOperationException"/>: the operation cannot go ahead now. yoi's own
/// storage and socket failures are <see cref="YoiIOException"/>s and its check refusals <see cref="RefusedException"/>s;
/// no yoi type derives from <see cref="IOException"/> (docs/architecture.md "Failures").
/// Decisions are made on typed kinds (<c>TicketErrorKind</c>, <c>ClaimFailure</c>, <c>PodLaunchFailure</c>,
/// <c>DiscoveryFailure</c>, <c>UnreachableKind</c>), never on the message text.
/// </summary>
public class YoiException(string message, Exception? inner = null, string? nextStep = null) : InvalidOperationException(message, inner)
{
    /// <summary>What the user can do next, when the thrower knows it (often the message already ends with it).</summary>
    public string? NextStep { get; } = nextStep;

    /// <summary>True for the failures a boundary reports as one line (yoi's own, and I/O, permission and time-outs).</summary>
    public static bool IsReportable(Exception ex) =>
        ex is YoiException or IOException or UnauthorizedAccessException or TimeoutException;
}
