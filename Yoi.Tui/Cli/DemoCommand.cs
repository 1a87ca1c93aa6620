using Yoi.Core;
using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Demo;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi demo [--dir PATH] [--keep] [--no-panel]</c>: builds a throwaway demo workspace with its own yoi home
/// (unless <c>YOI_HOME</c> is set), starts its Pods and opens the panel on it; on exit stops the demo's Pods and
/// removes the temp directory (unless <c>--dir</c> or <c>--keep</c>). <c>--no-panel</c> prints what was created and
/// leaves it all running, for scripts.
/// </summary>
internal sealed class DemoCommand(YoiServices services)
{
    private static readonly string[] OverriddenVariables = ["YOI_DATA_DIR", "YOI_RUNTIME_DIR", "YOI_CONFIG_DIR"];

    public Command Create()
    {
        var dir = new Option<string?>("--dir") { Description = "Demo directory (default: a new temp directory, removed on exit)" };
        var keep = new Option<bool>("--keep") { Description = "Leave the demo's Pods running and its directory in place on exit" };
        var noPanel = new Option<bool>("--no-panel") { Description = "Print what was created and exit, leaving everything running (implies --keep)" };
        var command = new Command("demo", "Create a throwaway demo workspace (Tickets, Companion, Orchestrator, Intake) and open the panel on it")
        {
            dir, keep, noPanel,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, () => RunAsync(parse, parse.GetValue(dir), parse.GetValue(keep) || parse.GetValue(noPanel),
            parse.GetValue(noPanel), ct)));
        return command;
    }

    public const string NeedsTerminal = "yoi demo opens the panel and needs an interactive terminal; use `yoi demo --no-panel` for scripts";

    private async Task<int> RunAsync(ParseResult parse, string? dirOption, bool keep, bool noPanel, CancellationToken cancellationToken)
    {
        var (output, error) = (parse.Out, parse.Err);
        if (!noPanel && !Terminal.TerminalSession.IsInteractive)
        {
            await error.WriteLineAsync($"yoi: {NeedsTerminal}").ConfigureAwait(false);
            return 2;
        }
        var temporary = dirOption is null;
        var layout = DemoLayout.In(dirOption ?? Directory.CreateTempSubdirectory("yoi-demo-").FullName);
        var ownHome = UseOwnHome(layout);
        // With its own yoi home the demo re-roots this process (UseOwnHome), so it builds the services for that home.
        var demoServices = ownHome ? new YoiServices(YoiPaths.FromEnvironment(), services.Time) : services;
        var paths = demoServices.Paths;
        var demo = new DemoWorkspace(demoServices);
        await error.WriteLineAsync($"yoi demo: building {layout.Workspace} …").ConfigureAwait(false);
        DemoResult result;
        try
        {
            result = await demo.BuildAsync(layout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            await demo.StopPodsAsync(layout.Workspace, CancellationToken.None).ConfigureAwait(false);
            if (temporary && !keep) TryDelete(layout.Directory);
            await error.WriteLineAsync($"yoi: the demo could not be built: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        if (noPanel)
        {
            Print(output, result, paths, ownHome);
            PrintKeepHints(output, result, ownHome);
            return 0;
        }
        int exitCode;
        try
        {
            exitCode = await new PanelCommand(demoServices).RunAsync(result.Workspace, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!keep)
            {
                var stopped = await demo.StopPodsAsync(result.Workspace, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync($"stopped {stopped.Count} demo Pod(s)").ConfigureAwait(false);
                if (temporary)
                {
                    // With the user's own YOI_HOME, the demo's Pods and claims would outlive the deleted workspace.
                    if (!ownHome) await demo.RemoveLocalStateAsync(result.Workspace, CancellationToken.None).ConfigureAwait(false);
                    TryDelete(layout.Directory);
                    await output.WriteLineAsync($"removed {layout.Directory}").ConfigureAwait(false);
                }
            }
            else
            {
                PrintKeepHints(output, result, ownHome);
            }
        }
        return exitCode;
    }

    /// <summary>
    /// The demo never touches the user's real yoi data: unless <c>YOI_HOME</c> is set, this process (and every Pod it
    /// starts) uses <c>&lt;demo&gt;/home</c>, and the narrower overrides are cleared so they cannot point elsewhere.
    /// </summary>
    private static bool UseOwnHome(DemoLayout layout)
    {
        if (Environment.GetEnvironmentVariable("YOI_HOME") is { Length: > 0 }) return false;
        Directory.CreateDirectory(layout.Home);
        Environment.SetEnvironmentVariable("YOI_HOME", layout.Home);
        foreach (var name in OverriddenVariables) Environment.SetEnvironmentVariable(name, null);
        return true;
    }

    private static void Print(TextWriter output, DemoResult result, YoiPaths paths, bool ownHome)
    {
        output.WriteLine($"workspace\t{result.Workspace}");
        output.WriteLine($"yoi home\t{Environment.GetEnvironmentVariable("YOI_HOME") ?? paths.Data}" +
            (ownHome ? "\t(the demo's own; your real yoi data is untouched)" : "\t(from YOI_HOME)"));
        output.WriteLine();
        output.WriteLine("pods");
        output.WriteLine($"  {result.CompanionPod}\tcompanion\tlive");
        output.WriteLine($"  {result.OrchestratorPod}\torchestrator\tlive");
        output.WriteLine($"  {result.IntakePod}\tintake\tlive, claims {result.Tickets.IntakeTicket}");
        output.WriteLine();
        output.WriteLine("claims");
        output.WriteLine($"  {result.Tickets.IntakeTicket}\t{result.IntakePod}\tlive");
        output.WriteLine($"  {result.Tickets.StaleClaimTicket}\t{result.StalePod}\tstale (no pod metadata): reclaim it in the panel with Ctrl+R");
        output.WriteLine();
        output.WriteLine("tickets");
        foreach (var t in result.Tickets.All) output.WriteLine($"  {t.Id}\t{t.State.Name(),-10}\t{t.Shows}\t{t.Title}");
        foreach (var warning in result.Warnings) output.WriteLine($"warning: {warning}");
    }

    private static void PrintKeepHints(TextWriter output, DemoResult result, bool ownHome)
    {
        var env = ownHome ? $"YOI_HOME={result.Layout.Home} " : "";
        output.WriteLine();
        output.WriteLine("The demo keeps running. To look at it or stop it later:");
        output.WriteLine($"  {env}yoi panel --workspace {result.Workspace}");
        output.WriteLine($"  {env}yoi pod list");
        foreach (var pod in result.Pods) output.WriteLine($"  {env}yoi pod stop {pod}");
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
