using Yoi.Core.Workflows;
using Yoi.Core.Claims;
using Yoi.Core.Delegation;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Tui.Screens.Panel;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// A hand-made model with delegated children in the order the loader nests them (the nesting itself is tested on real
/// Pods in ChildRowsTests): a running parent with two children (one with a child of its own whose worktree is gone),
/// a ready Ticket claimed by one of them, and the Companion.
/// </summary>
internal static class ChildModels
{
    public static PodRow Child(string name, PodRowStatus status, string parent, string? ticket = null, bool worktree = true) =>
        PanelModels.Pod(name, status) with
        {
            Ticket = ticket,
            Role = "worker",
            Delegation = worktree
                ? new ChildDelegation(parent, $"{PanelModels.Workspace}/.worktree/{name}", $"work/{name}", "main", "0123456789abcdef0123456789abcdef01234567")
                : new ChildDelegation(parent),
        };

    public const string TicketId = "00001KV09WYC6";

    /// <summary>The screen's clock in the child-row tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The panel's screen state over <see cref="Model"/> with <paramref name="key"/> selected.</summary>
    public static PanelScreenState Selecting(PanelRowKey? key)
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace));
        state.ApplyModel(Model(), Now);
        state.Select(key);
        return state;
    }

    public static ChildSummary Counts(int ahead, int behind, int added, int removed, int files) =>
        ChildSummary.Of(new ChildDiffCounts(ahead, behind, added, removed, files));

    public static PanelModel Model()
    {
        var boss = PanelModels.Pod("boss", PodRowStatus.LiveRunning) with { RunningSince = "2026-06-20T11:48:00Z", Role = "orchestrator" };
        var api = Child("child-api", PodRowStatus.LiveRunning, "boss", TicketId) with { RunningSince = "2026-06-20T11:57:00Z" };
        var docs = Child("child-docs", PodRowStatus.LiveIdle, "boss");
        var ja = Child("child-docs-ja", PodRowStatus.Stopped, "child-docs");
        var helper = Child("helper", PodRowStatus.LiveIdle, "boss", worktree: false);
        var companion = PanelModels.Pod("yoi-demo", PodRowStatus.LiveIdle, companion: true);
        var ticket = PanelModels.Ticket(TicketId, "ワークスペース一覧の表示を改善する", TicketState.InProgress,
            new TicketClaimInfo("child-api", "worker", 1, new ClaimStatus(ClaimStatusKind.Live)));
        var apiCounts = Counts(3, 0, 120, 14, 4);
        List<PanelRow> rows =
        [
            new SectionHeaderRow(PanelSection.NeedsYou, "Needs you · nothing waiting"),
            new SectionHeaderRow(PanelSection.Working, "Working Pods · 1"),
            boss,
            new ChildPodRow(api, apiCounts),
            new ChildPodRow(docs, Counts(1, 2, 8, 0, 1)),
            new ChildPodRow(ja, ChildSummary.Missing(ChildSummary.WorktreeGone), Depth: 2),
            new ChildPodRow(helper, ChildSummary.Missing(ChildSummary.NoWorktree)),
            new SectionHeaderRow(PanelSection.Tickets, "Open Tickets · 1"),
            ticket,
            new ChildPodRow(api, apiCounts, UnderTicket: TicketId),
            new SectionHeaderRow(PanelSection.Pending, "Idle Pods · 1"),
            companion,
        ];
        var header = new PanelHeader(PanelModels.Workspace, "yoi-demo", TicketConfigState.Usable, new LifecycleStatus("yoi-demo", RoleState.Live),
            new LifecycleStatus("yoi-demo-orchestrator", RoleState.Missing));
        return new PanelModel(header, [], rows, [boss, api, docs, ja, helper, companion], [ComposerTarget.Companion, ComposerTarget.TicketPlanning],
            null, Loading: false, PanelTiming.None);
    }

    /// <summary>What <c>git diff --stat --patch main...work/child-api</c> prints for a small change (a file with an escape sequence included).</summary>
    public static readonly string Patch = """
         src/Api/Routes.cs        | 6 ++++--
         src/Api/ワークスペース.md |  2 +-
         2 files changed, 6 insertions(+), 3 deletions(-)

        diff --git a/src/Api/Routes.cs b/src/Api/Routes.cs
        index 1111111..2222222 100644
        --- a/src/Api/Routes.cs
        +++ b/src/Api/Routes.cs
        @@ -1,6 +1,8 @@ namespace Api;
         public static class Routes
         {
        -    public const string Root = "/";
        -    public const string Health = "/health";
        +    public const string Root = "/v2/";
        +    public const string Health = "/v2/health";
        +    public const string Ready = "/v2/ready";
        +    // -- not a removed line: it is inside the hunk
         }
        -// end
        --- SQL comment: a removed line that looks like a file header
        \ No newline at end of file
        diff --git a/src/Api/ワークスペース.md b/src/Api/ワークスペース.md
        index 3333333..4444444 100644
        --- a/src/Api/ワークスペース.md
        +++ b/src/Api/ワークスペース.md
        @@ -1,2 +1,2 @@
         # ワークスペース
        -古い説明
        +新しい説明 ESC[31mred?ESC[0m
        """.Replace("ESC", "\u001b", StringComparison.Ordinal);
}
