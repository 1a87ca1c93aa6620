using System.CommandLine;
using Yoi.Core.Config;
using Yoi.Core.Notices;
using Yoi.Core.Paths;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Tui.Cli;

/// <summary>A usage error in a ticket command (exit code 2).</summary>
internal sealed class TicketUsageException(string message) : Exception(message);

/// <summary>Shared plumbing for <c>yoi ticket …</c>: workspace, config, store, output and error mapping.</summary>
internal sealed class TicketCommandContext(ParseResult parse, Option<string?> workspaceOption)
{
    public TextWriter Out { get; } = parse.InvocationConfiguration.Output;

    public TextWriter Err { get; } = parse.InvocationConfiguration.Error;

    public ParseResult Parse { get; } = parse;

    /// <summary>The author events are recorded under: <c>--author</c>, else <see cref="TicketAuthor.FromEnvironment"/>.</summary>
    public string Author { get; } = parse.GetValue<string?>(TicketCommands.AuthorOptionName) is { Length: > 0 } a ? a.Trim() : TicketAuthor.FromEnvironment();

    public string Workspace { get; } = Path.GetFullPath(parse.GetValue(workspaceOption) is { Length: > 0 } ws ? ws : Directory.GetCurrentDirectory());

    public WorkspaceConfig Config()
    {
        var paths = YoiPaths.FromEnvironment();
        var user = paths.ConfigOrNull is { } dir ? Path.Combine(dir, "config.json") : null;
        var config = WorkspaceConfigLoader.Load(Workspace, user);
        if (!_warned)
            foreach (var warning in config.Warnings) Err.WriteLine($"yoi ticket: warning: {warning}");
        _warned = true;
        return config;
    }

    private bool _warned;

    /// <summary>This call's Companion notices, delivered in the background and settled (one total budget) before the command returns.</summary>
    public NoticeDelivery Notices { get; } = new(NoticeDelivery.DefaultBudget, TimeProvider.System);

    /// <summary>Waits for the notices (within their budget) and prints one <c>notice TAB pod TAB outcome</c> line each.</summary>
    private async Task ReportNoticesAsync()
    {
        foreach (var notice in await Notices.SettleAsync().ConfigureAwait(false))
            Out.WriteLine($"notice\t{notice.Target}\t{notice.Outcome}");
    }

    public TicketStore Store()
    {
        var config = Config();
        var paths = YoiPaths.FromEnvironment();
        var log = new Yoi.Core.Diagnostics.YoiLog(paths, TimeProvider.System);
        return new TicketStore(config.TicketsRoot, new TicketStoreOptions
        {
            Language = config.Language,
            WorkspaceRoot = Workspace,
            DefaultAuthor = Author,
            // Lifecycle mutations by the Orchestrator's agent weak-notify the workspace Companion.
            // Queue and Close stop the Ticket's Intake Pod and release its claim.
            Sinks = paths.DataOrNull is null ? [] :
                [.. CompanionNoticeSink.ForProcess(paths, Workspace, TimeProvider.System, Notices),
                 new Yoi.Core.Workflows.IntakeRetirement(paths, Workspace, TimeProvider.System)],
            OnSinkError = ex => log.Warn($"ticket lifecycle notice failed: {ex.Message}"),
        });
    }

    /// <summary>Runs a command body, mapping failures to <c>yoi ticket: message</c> and exit codes 1/2.</summary>
    public static int Run(ParseResult parse, Option<string?> workspaceOption, Func<TicketCommandContext, int> body) =>
        RunAsync(parse, workspaceOption, c => Task.FromResult(body(c))).GetAwaiter().GetResult();

    /// <summary>The async form of <see cref="Run"/> (a command that runs git or talks to a Pod).</summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<string?> workspaceOption, Func<TicketCommandContext, Task<int>> body)
    {
        var context = new TicketCommandContext(parse, workspaceOption);
        try
        {
            return await body(context).ConfigureAwait(false);
        }
        catch (TicketUsageException ex)
        {
            context.Err.WriteLine($"yoi ticket: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is TicketException or ConfigException or YoiPathsException or IOException or UnauthorizedAccessException
                                       or QueueRefusedException or Yoi.Core.Git.GitException)
        {
            context.Err.WriteLine($"yoi ticket: {ex.Message}");
            return 1;
        }
        finally
        {
            // A mutation that succeeded has handed its notices over even when a later step failed.
            await context.ReportNoticesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Exactly one of a file or an inline text; the text gets a trailing newline when asked.</summary>
    public string Body(Option<string?> fileOption, Option<string?> textOption, bool ensureNewline)
    {
        var file = Parse.GetValue(fileOption);
        var text = Parse.GetValue(textOption);
        if (file is not null && text is not null) throw new TicketUsageException($"use either {fileOption.Name} or {textOption.Name}, not both");
        if (file is null && text is null) throw new TicketUsageException($"one of {fileOption.Name} or {textOption.Name} is required");
        var body = text ?? File.ReadAllText(Path.GetFullPath(file!, Workspace));
        return ensureNewline && !body.EndsWith('\n') ? body + "\n" : body;
    }
}
