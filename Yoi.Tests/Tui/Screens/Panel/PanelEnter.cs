using Yoi.Core.Panel;
using Yoi.Core.Pods;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;
using Yoi.Core.Panel.Actions;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// Presses Enter the way the panel does: a screen state over <paramref name="model"/>, the row selected, the draft typed
/// (Tab to the Ticket Planning target when asked), Enter through <see cref="PanelKeys"/> (and y when it asks), then the
/// intent carried out by <see cref="PanelIntentDispatch"/>, the shipping Enter path.
/// </summary>
public static class PanelEnter
{
    public static async Task<PanelActionResult> RunAsync(PanelActions actions, PodControl control, PanelModel model, PanelRowKey? row,
        string? text = null, ComposerTarget target = ComposerTarget.Companion)
    {
        var now = DateTimeOffset.UtcNow;
        var state = new PanelScreenState(PanelModel.LoadingModel(model.Header.WorkspaceRoot));
        state.ApplyModel(model, now);
        state.Select(row);
        if (target == ComposerTarget.TicketPlanning) state.CycleTarget(now);
        if (text is not null) state.Composer.Insert(text);
        var intent = PanelKeys.Handle(state, Key.Of(KeyCode.Enter), now, 20);
        if (intent is null && state.Overlay == PanelOverlay.Confirm) intent = PanelKeys.Handle(state, Key.Char('y'), now, 20);
        if (intent is null) return new PanelActionResult(state.Notice?.Notice ?? PanelNotice.Info("Enter did nothing."));
        return await PanelIntentDispatch.Create(actions, control)(intent, model, CancellationToken.None);
    }
}
