using Yoi.Core;
using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Pods;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi pod wait NAME [--timeout SECONDS]</c>: blocks until the Pod's current turn ends, or its next one when it is
/// idle, and exits with the outcome: 0 finished, 1 errored, 3 paused, 4 connection lost, 124 timed out (like
/// timeout(1)). A Pod that is not reachable is an error naming it (exit 1).
/// </summary>
internal sealed class PodWaitCommand(YoiServices services)
{
    public Command Create()
    {
        var name = new Argument<string>("name") { Description = "Pod name" };
        var timeout = new Option<double?>("--timeout") { Description = "Give up after this many seconds (exit 124)" };
        var command = new Command("wait", "Wait until a Pod's current (or next) turn ends; the exit code is its outcome") { name, timeout };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var pod = parse.GetValue(name)!;
            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0) throw new ArgumentException("--timeout must be a positive number of seconds; pass e.g. --timeout 30");
            var socket = services.Pods.SocketOf(pod);
            PodWaitResult result;
            try
            {
                result = await PodWaiter.WaitAsync(socket, seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                    status => parse.Err.WriteLine($"yoi: waiting for `{pod}` ({status.ToString().ToLowerInvariant()})…"), ct);
            }
            catch (PodUnreachableException ex)
            {
                throw new YoiException($"pod `{pod}` is not reachable ({ex.Reason}); start it with `yoi pod restore {pod}` or check `yoi pod list`");
            }
            parse.Out.WriteLine($"{pod}: {result.Message}");
            return result.Outcome switch
            {
                PodWaitOutcome.Finished => 0,
                PodWaitOutcome.Errored => 1,
                PodWaitOutcome.Paused => 3,
                PodWaitOutcome.Lost => 4,
                _ => 124,
            };
        }));
        return command;
    }
}
