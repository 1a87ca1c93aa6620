using Yoi.Core;
using Yoi.Core.Hosting;
using System.CommandLine;
using System.Runtime.InteropServices;
using Yoi.Core.Engines;
using Yoi.Core.Paths;
using Yoi.Core.Runtime;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi pod run</c>: the Pod daemon. Started by the launcher with stdout on a pipe (the ready line) and stderr on
/// <c>&lt;runtime&gt;/&lt;name&gt;/stderr.log</c>. The other <c>yoi pod</c> subcommands live elsewhere.
/// </summary>
internal sealed class PodRunCommand(YoiServices services)
{
    public const string ReadyPrefix = "YOI-READY";

    /// <param name="workspace">The workspace root the Pod works in: the global option, required here.</param>
    public Command Create(WorkspaceOption workspace)
    {
        var pod = new Option<string>("--pod") { Description = "The Pod name (restored when its metadata has an active session)", Required = true };
        var profile = new Option<string?>("--profile") { Description = "The profile name (recorded in metadata)" };
        var role = new Option<string?>("--role") { Description = "The role (companion, orchestrator, intake, …)" };
        var ticket = new Option<string?>("--ticket") { Description = "The Ticket id this Pod works on" };
        var parentSocket = new Option<string?>("--parent-socket") { Description = "Socket of the parent Pod that receives lifecycle PodEvents" };
        var engineSpec = new Option<string?>("--engine-spec-json") { Description = "The resolved engine: {\"engine\":\"echo\",\"delay_ms\":N} or {\"engine\":\"command\",\"command\":[…]}" };
        var adopt = new Option<bool>("--adopt") { Description = "Move a Pod whose metadata names another workspace to this one" };
        var run = workspace.For(new Command("run", "Run a Pod daemon in this process (normally started by `yoi pod start`)")
        {
            pod, profile, role, ticket, parentSocket, engineSpec, adopt,
        });
        // A synchronous action: the daemon installs its own SIGTERM/SIGINT handling (exit 0 after a clean shutdown).
        run.SetAction(parse =>
        {
            if (!workspace.Given(parse))
            {
                parse.Err.WriteLine("yoi pod run: --workspace is required (the workspace root the Pod works in)");
                return 2;
            }
            EngineSpec spec;
            try
            {
                spec = EngineSpec.Parse(parse.GetValue(engineSpec));
            }
            catch (EngineSpecException ex)
            {
                parse.Err.WriteLine($"yoi pod run: {ex.Message}");
                return 2;
            }
            var options = new PodRunOptions(workspace.Of(parse), parse.GetValue(pod)!, spec, parse.GetValue(profile),
                parse.GetValue(role), parse.GetValue(ticket), parse.GetValue(parentSocket), parse.GetValue(adopt));
            return Run(options, parse.Err);
        });
        return run;
    }

    private int Run(PodRunOptions options, TextWriter error)
    {
        PodDaemon.DetachFromSpawner();
        var daemon = new PodDaemon(services.Paths, services.Time, error);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = true);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; daemon.RequestShutdown(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; daemon.RequestShutdown(); });
        try
        {
            var handler = new DiscoveryControlHandler(options.PodName, services.Discovery, services.PeerLinks, services.Pods);
            return daemon.RunAsync(options, AnnounceReady, handler).GetAwaiter().GetResult();
        }
        catch (PodStartException ex)
        {
            error.WriteLine($"yoi pod run: {ex.Message}");
            return ex.ExitCode;
        }
        catch (PodAlreadyRunningException ex)
        {
            error.WriteLine($"yoi pod run: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            error.WriteLine($"yoi pod run: pod `{options.PodName}` failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Writes the one ready line, then closes the stdout pipe so the spawner sees end of file. The one write that stays on
    /// the process's own stdout: it is the protocol with the spawner, and the handoff closes file descriptor 1 itself.
    /// </summary>
    private static void AnnounceReady(string name, string socket)
    {
        Console.Out.Write($"{ReadyPrefix}\t{name}\t{socket}\n");
        Console.Out.Flush();
        StdoutHandoff.Close();
    }
}
