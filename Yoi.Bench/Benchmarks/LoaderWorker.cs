using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// A process that does only the panel's model load of a workspace and reports its own peak RSS:
/// <c>__loader-worker &lt;ticket-root&gt; &lt;data-dir&gt;</c> prints <c>records &lt;n&gt;</c> and <c>VmHWM &lt;kB&gt;</c>.
/// </summary>
internal static class LoaderWorker
{
    public const string Mode = "__loader-worker";

    public static int Run(string[] args)
    {
        var listing = new TicketStore(args[0]).ListTolerant();
        var pods = new PodMetadataStore(new YoiPaths(null, args[1], null), TimeProvider.System);
        var metadata = pods.ListNames().Select(pods.Read).ToList();
        Console.WriteLine($"records {listing.Records.Count + listing.Invalid.Count}");
        Console.WriteLine($"pods {metadata.Count}");
        Console.WriteLine($"VmHWM {ProcStatus.KiB(Environment.ProcessId, "VmHWM")}");
        GC.KeepAlive(listing);
        GC.KeepAlive(metadata);
        return 0;
    }
}
