using Yoi.Core.Workflows;

namespace Yoi.Core.Panel;

/// <summary>How a reload may act: Ensure (startup only) may restore/spawn the Companion and Orchestrator; Observe never spawns, restores or claims.</summary>
public enum PanelReloadMode { Ensure, Observe }

/// <summary>Ticket config state: absent (Pod-only panel), usable, or unusable (Ticket part hidden, reason in the diagnostics).</summary>
public enum TicketConfigState { Absent, Usable, Unusable }

/// <summary>Where composer text goes: the workspace Companion, or Ticket Planning (Intake; needs a usable Ticket config).</summary>
public enum ComposerTarget { Companion, TicketPlanning }

/// <summary>Labels of <see cref="ComposerTarget"/>.</summary>
public static class ComposerTargets
{
    public static string Label(this ComposerTarget target) => target == ComposerTarget.Companion ? "Companion" : "Ticket Planning";
}

/// <summary>
/// The header: workspace, Companion status, Orchestrator status (null without a Ticket config), and the
/// Orchestrator's queued-work attention summary (not drawn; for inspection and tests).
/// </summary>
public sealed record PanelHeader(
    string WorkspaceRoot,
    string WorkspaceLabel,
    TicketConfigState TicketConfig,
    LifecycleStatus Companion,
    LifecycleStatus? Orchestrator,
    string? OrchestratorAttention = null);

/// <summary>How long the parts of a reload took (milliseconds), for the status line and the benchmark.</summary>
public sealed record PanelTiming(double TicketsMs, double PodsMs, double RegistryMs, double BuildMs, int TicketsParsed, int TicketsReused)
{
    public static readonly PanelTiming None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// One immutable snapshot of the panel: header, bounded diagnostics, and rows in display order (Ticket section
/// — Tickets each followed by their Intake children, then invalid placeholders — then Pod sections pending,
/// working, closed ≤ 3), plus every workspace Pod. Built by <see cref="PanelLoader"/>; rendered by the screen and
/// by <see cref="PanelModelText"/>. No terminal types.
/// </summary>
public sealed record PanelModel(
    PanelHeader Header,
    IReadOnlyList<string> Diagnostics,
    IReadOnlyList<PanelRow> Rows,
    IReadOnlyList<PodRow> Pods,
    IReadOnlyList<ComposerTarget> Targets,
    PanelNotice? Notice,
    bool Loading,
    PanelTiming Timing)
{
    public const string LoadingText = "Loading workspace dashboard…";
    public const string EmptyText = "no Tickets or Pods found — create a Ticket with `yoi ticket create` or start a Pod with `yoi pod start <name>`";

    private (IReadOnlyList<PanelRow> Rows, Dictionary<PanelRowKey, PanelRow> Index)? _byKey;
    private (IReadOnlyList<PanelRow> Rows, int IdWidth, int StateWidth)? _widths;

    /// <summary>The first frame's model: nothing loaded yet, one diagnostic line "Loading workspace dashboard…".</summary>
    public static PanelModel LoadingModel(string workspaceRoot, string? companionName = null)
    {
        var companion = companionName ?? Paths.PodName.Companion(workspaceRoot);
        return new PanelModel(new PanelHeader(workspaceRoot, Path.GetFileName(workspaceRoot.TrimEnd('/')), TicketConfigState.Absent,
                new LifecycleStatus(companion, RoleState.Missing), null),
            [LoadingText], [], [], [ComposerTarget.Companion], null, Loading: true, PanelTiming.None);
    }

    /// <summary>Every Ticket row, those listed in Needs you included.</summary>
    public IEnumerable<TicketRow> TicketRows => Rows.Select(r => r is NeedsYouRow { Target: TicketRow t } ? t : r as TicketRow).OfType<TicketRow>();

    /// <summary>Keys of the selectable rows, in selection order (Ticket section, then visible Pod rows).</summary>
    public IReadOnlyList<PanelRowKey> SelectableKeys => Rows.Where(r => r.Selectable).Select(r => r.Key).ToList();

    public bool TicketsShown => Header.TicketConfig == TicketConfigState.Usable;

    /// <summary>Cells of the id column: the shortest prefix that keeps every Ticket id of this model unique.</summary>
    public int TicketIdWidth => Widths().IdWidth;

    /// <summary>Cells of the widest Ticket state label (<c>ready→prog</c> with an overlay), at least 5.</summary>
    public int StateLabelWidth => Widths().StateWidth;

    private (IReadOnlyList<PanelRow> Rows, int IdWidth, int StateWidth) Widths()
    {
        if (_widths is not { } cached || !ReferenceEquals(cached.Rows, Rows))
        {
            var tickets = Rows.OfType<TicketRow>().ToList();
            cached = (Rows, TicketIdPrefix.Length(tickets.Select(t => t.Id)), Math.Max(5, tickets.Count == 0 ? 0 : tickets.Max(t => t.StateLabel.Length)));
            _widths = cached;
        }
        return cached;
    }

    public PanelRow? Find(PanelRowKey key)
    {
        if (_byKey is not { } cached || !ReferenceEquals(cached.Rows, Rows))
        {
            var index = Rows.ToDictionary(r => r.Key);
            // A Ticket in Needs you is found by its own key too (it is listed only there).
            foreach (var row in Rows)
                if (row is NeedsYouRow { Target: TicketRow t }) index.TryAdd(t.Key, t);
            cached = (Rows, index);
            _byKey = cached;
        }
        return cached.Index.GetValueOrDefault(key);
    }

    public TicketRow? Ticket(string id) => Find(PanelRowKey.Ticket(id)) as TicketRow;

    /// <summary>Every workspace Pod by name (hidden closed ones included).</summary>
    public PodRow? Pod(string name) => Pods.FirstOrDefault(p => p.Name == name);

    public PodRow? CompanionPod => Pod(Header.Companion.PodName);

    public PodRow? OrchestratorPod => Header.Orchestrator is { } o ? Pod(o.PodName) : null;

    /// <summary>
    /// The selection after a reload (docs/original-panel.md §2.11): keep <paramref name="previous"/> if its row still exists;
    /// else the first Ticket-section row when any Ticket row has an action; else the previously selected Pod
    /// unless it is the Orchestrator; else the first Pod row that is not the Orchestrator; else nothing.
    /// </summary>
    public PanelRowKey? ResolveSelection(PanelRowKey? previous, string? previousPod = null)
    {
        if (previous is { } p && Find(p) is { Selectable: true }) return p;
        var selectable = Rows.Where(r => r.Selectable).ToList();
        if (TicketRows.Any(t => t.TicketAction != PanelAction.None)) return selectable.FirstOrDefault()?.Key;
        if (previousPod is not null && Rows.OfType<PodRow>().FirstOrDefault(r => r.Name == previousPod) is { IsOrchestrator: false } pod) return pod.Key;
        return Rows.OfType<PodRow>().FirstOrDefault(r => !r.IsOrchestrator)?.Key;
    }

    public PanelModel WithNotice(PanelNotice? notice) => this with { Notice = notice };
}
