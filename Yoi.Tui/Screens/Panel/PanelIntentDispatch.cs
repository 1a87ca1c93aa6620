using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Tui.Screens.Panel;

/// <summary>Maps each <see cref="PanelIntent"/> to its <c>Yoi.Core</c> action, and builds the attached view for a Pod to open.</summary>
public static class PanelIntentDispatch
{
    public static PanelIntentRunner Create(PanelLoader loader, YoiPaths paths, PodControl control, TimeProvider time)
    {
        _ = (loader, paths, time);
        return async (intent, _, ct) =>
        {
            switch (intent)
            {
                case OpenPodIntent open:
                    var (launched, alreadyLive) = await control.RestoreAsync(open.PodName, ct).ConfigureAwait(false);
                    return new PanelActionResult(PanelNotice.Info(alreadyLive ? $"Opened {open.PodName}." : $"Restored and opened {open.PodName}."),
                        Open: new PodToOpen(open.PodName, launched.SocketPath, alreadyLive));
                default:
                    return PanelActionResult.Error("Action unavailable", $"{intent.GetType().Name} is not wired to Yoi.Core.Panel actions in this build yet.");
            }
        };
    }

    /// <summary>The attached Pod view for <paramref name="pod"/>; Esc or <c>:q</c> there comes back to the panel.</summary>
    public static Func<PodToOpen, Screen> PodScreens(PodControl control) => pod => new PodScreen(PodAttachment.For(control, pod.PodName));
}
