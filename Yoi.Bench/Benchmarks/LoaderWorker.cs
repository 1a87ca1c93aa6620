using Yoi.Core.Hosting;
using Yoi.Core.Panel;
using Yoi.Core.Paths;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// A process that does only the panel's model load (<see cref="PanelLoader"/>, observe mode) and reports its own peak
/// RSS: <c>__loader-worker &lt;workspace&gt; &lt;data-dir&gt;</c> prints <c>records &lt;n&gt;</c> and <c>VmHWM &lt;kB&gt;</c>.
/// </summary>
internal static class LoaderWorker
{
    public const string Mode = "__loader-worker";

    public static int Run(string[] args)
    {
        var loader = new PanelLoader(new YoiServices(new YoiPaths(null, args[1], Path.Combine(args[1], "..", "r")), TimeProvider.System), args[0]);
        var model = loader.ReloadAsync(PanelReloadMode.Observe).GetAwaiter().GetResult();
        Console.WriteLine($"records {model.Timing.TicketsParsed + model.Timing.TicketsReused}");
        Console.WriteLine($"pods {model.Pods.Count}");
        Console.WriteLine($"VmHWM {ProcStatus.KiB(Environment.ProcessId, "VmHWM")}");
        GC.KeepAlive(model);
        return 0;
    }
}
