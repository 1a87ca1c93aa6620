namespace Yoi.Core.Panel.Actions;

public sealed partial class PanelActions
{
    /// <summary>
    /// Removes a stopped Pod of this workspace shown in the panel (the closed-Pods section): its metadata and runtime
    /// leftovers; its session log stays. A live Pod, or one this model does not show, is refused.
    /// </summary>
    public async Task<PanelActionResult> RemovePodAsync(PanelModel model, string podName, CancellationToken cancellationToken = default)
    {
        if (model.Pod(podName) is not { } pod)
            return PanelActionResult.Warning($"Pod {podName} is not a Pod of this workspace panel; refresh and retry.");
        if (!pod.CanRemove)
            return PanelActionResult.Warning($"Pod {podName} is {pod.StatusLabel}; stop it first (`yoi pod stop {podName}`), then remove it.");
        try
        {
            var result = await _control.RemoveAsync(podName, purge: false, cancellationToken).ConfigureAwait(false);
            return PanelActionResult.Info(result.KeptSessionLog is { } kept
                ? $"Removed Pod {podName}; its session log is kept at {kept}."
                : $"Removed Pod {podName}.");
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            return PanelActionResult.Error("Remove failed", $"Could not remove Pod {podName}: {ex.Message}");
        }
    }
}
