namespace Yoi.Core.Panel.Actions;

/// <summary>A Pod the screen should open (attach when live, otherwise restore/open by name).</summary>
public sealed record PodToOpen(string PodName, string SocketPath, bool Live);

/// <summary>
/// What an action did: the notice to show, whether the composer draft is consumed (false on every failure, so
/// the screen keeps the draft), an optional Pod to open next, and the record a Ticket view asked for. The screen reloads (Observe) after every action.
/// </summary>
public sealed record PanelActionResult(PanelNotice Notice, bool ClearComposer = false, PodToOpen? Open = null)
{
    /// <summary>The Ticket the Ticket view shows (set by <see cref="PanelActions.ShowTicket"/>).</summary>
    public Tickets.TicketRecord? Ticket { get; init; }

    /// <summary>The stat and patch the diff view shows (set by <see cref="PanelActions.ChildDiffAsync"/>).</summary>
    public ChildPatch? Patch { get; init; }

    public bool Failed => Notice.Level == NoticeLevel.Error;

    public static PanelActionResult Info(string text, bool clearComposer = false) => new(PanelNotice.Info(PanelText.Bounded(text, 400)), clearComposer);

    public static PanelActionResult Warning(string text, bool clearComposer = false) => new(PanelNotice.Warning(PanelText.Bounded(text, 400)), clearComposer);

    /// <summary>A failure: bounded line plus " (F2 details)", full text in the popup titled <paramref name="title"/>; the draft is kept.</summary>
    public static PanelActionResult Error(string title, string details) => new(PanelNotice.Error(title, details));
}

/// <summary>A child Pod's branch against its base as <c>git diff --stat --patch base...branch</c> prints it (no colour).</summary>
public sealed record ChildPatch(string Child, string Text);

/// <summary>An action refused because the selection no longer matches current Ticket authority (shown as "Ticket action rejected").</summary>
public sealed class StaleSelectionException(string message) : RefusedException(message);
