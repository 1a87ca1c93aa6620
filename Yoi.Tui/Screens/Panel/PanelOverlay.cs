namespace Yoi.Tui.Screens.Panel;

/// <summary>What is drawn over the panel: nothing, the help, the F2 details popup, or the reclaim confirmation.</summary>
public enum PanelOverlay { None, Help, Details, ConfirmReclaim }

/// <summary>The text the F2 popup shows.</summary>
public sealed record PanelDetails(string Title, string Body);

/// <summary>A reclaim waiting for y/n; <paramref name="Question"/> is <c>PanelActions.ReclaimPrompt</c>'s text.</summary>
public sealed record PendingReclaim(string TicketId, string StalePod, string Question);
