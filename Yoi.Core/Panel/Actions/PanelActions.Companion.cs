using Yoi.Core.Workflows;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Panel.Actions;

public sealed partial class PanelActions
{
    /// <summary>
    /// Sends the draft to the workspace Companion as a run (docs/original-panel.md §2.14). Every refusal and failure keeps the
    /// draft; success clears it. A paused Companion accepts messages; a running one is busy.
    /// </summary>
    public async Task<PanelActionResult> SendToCompanionAsync(PanelModel model, string text, CancellationToken cancellationToken = default)
    {
        if (text.Trim().Length == 0) return PanelActionResult.Warning("Composer is empty.");
        var companion = model.Header.Companion;
        var name = companion.PodName;
        if (companion.State is RoleState.Unavailable or RoleState.Missing or RoleState.Stopped)
            return PanelActionResult.Warning($"Companion {name} is {companion.Label}: {companion.Detail ?? "workspace Companion is not live yet"}; draft kept.");
        if (model.Pod(name) is not { } pod) return PanelActionResult.Warning($"Companion {name} is not in the current Pod list; refresh and retry. Draft kept.");
        if (!pod.Live) return PanelActionResult.Warning($"Companion {name} is not reachable; refresh and retry. Draft kept.");
        if (pod.Status == PodRowStatus.LiveRunning)
            return PanelActionResult.Warning($"Companion {name} is busy; wait for it to become idle or open it for inspection. Draft kept.");
        RunConfirmation confirmation;
        try
        {
            confirmation = await PodClient.SendRunAndConfirmAsync(pod.SocketPath, [new TextSegment(text)], cancellationToken).ConfigureAwait(false);
        }
        catch (PodUnreachableException ex)
        {
            return PanelActionResult.Error("Companion send failed", $"Companion {name} is unreachable: {ex.Message}. Draft kept.");
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            return PanelActionResult.Error("Companion send failed", $"Failed to send to Companion {name}: {ex.Message}. Draft kept.");
        }
        return confirmation.Kind switch
        {
            RunConfirmationKind.Accepted => PanelActionResult.Info($"Sent to Companion {name}.", clearComposer: true),
            RunConfirmationKind.AlreadyRunning => PanelActionResult.Warning(
                $"Companion {name} is busy; wait for it to become idle or open it for inspection. Draft kept."),
            _ => PanelActionResult.Error("Companion send failed", $"Companion {name} rejected the message: {confirmation.Message ?? confirmation.Code?.ToString() ?? "rejected"}. Draft kept."),
        };
    }
}
