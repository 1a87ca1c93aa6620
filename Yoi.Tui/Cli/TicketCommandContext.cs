using Yoi.Core;
using System.CommandLine;
using Yoi.Core.Config;
using Yoi.Core.Hosting;
using Yoi.Core.Notices;
using Yoi.Core.Paths;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Tui.Cli;

/// <summary>A usage error in a ticket command (exit code 2).</summary>
internal sealed class TicketUsageException(string message) : Yoi.Core.YoiException(message);

/// <summary>Shared plumbing for <c>yoi ticket …</c>: workspace, config, store, output and error mapping.</summary>
internal sealed class TicketCommandContext(YoiServices services, ParseResult parse, WorkspaceOption workspaceOption)
{
    private WorkspaceContext? _workspace;

    public TextWriter Out { get; } = parse.Out;

    public TextWriter Err { get; } = parse.Err;

    public ParseResult Parse { get; } = parse;

    /// <summary>The author events are recorded under: <c>--author</c>, else <see cref="TicketAuthor.FromEnvironment"/> of the services' environment.</summary>
    public string Author { get; } = parse.GetValue<string?>(TicketCommands.AuthorOptionName) is { Length: > 0 } a ? a.Trim() : TicketAuthor.FromEnvironment(services.Env);

    public string Workspace { get; } = workspaceOption.Of(parse);

    /// <summary>This call's Companion notices, delivered in the background and settled (one total budget) before the command returns.</summary>
    public NoticeDelivery Notices { get; } = new(NoticeDelivery.BudgetFrom(services.Env), services.Time);

    /// <summary>The workspace as this command sees it, loaded once (config warnings are printed once).</summary>
    public WorkspaceContext Context()
    {
        if (_workspace is not null) return _workspace;
        _workspace = services.Workspace(Workspace, new TicketWriting(Author,
            // Lifecycle mutations by the Orchestrator's agent weak-notify the workspace Companion (in the background).
            // Queue and Close stop the Ticket's Intake Pod and release its claim.
            context => context.Services.Paths.DataOrNull is null ? [] :
                [.. CompanionNoticeSink.ForProcess(context.Services, context.Root, Notices, context.Services.Env),
                 new IntakeRetirement(context.Services.Paths, context.Root, context.Services.Time, context.Services.Env)],
            ex => services.Log.Warn($"ticket lifecycle notice failed: {ex.Message}")));
        foreach (var warning in _workspace.Config.Warnings) Err.WriteLine($"yoi ticket: warning: {warning}");
        return _workspace;
    }

    public WorkspaceConfig Config() => Context().Config;

    public TicketStore Store() => Context().Tickets;

    /// <summary>Runs a command body, mapping failures to <c>yoi ticket: message</c> and exit codes 1/2.</summary>
    public static int Run(YoiServices services, ParseResult parse, WorkspaceOption workspaceOption, Func<TicketCommandContext, int> body) =>
        RunAsync(services, parse, workspaceOption, c => Task.FromResult(body(c))).GetAwaiter().GetResult();

    /// <summary>
    /// The async form of <see cref="Run"/> (a command that runs git or talks to a Pod). Before it returns, the notices the
    /// command handed over are settled and reported (<see cref="ReportNoticesAsync"/>), also after a failure.
    /// </summary>
    public static async Task<int> RunAsync(YoiServices services, ParseResult parse, WorkspaceOption workspaceOption, Func<TicketCommandContext, Task<int>> body)
    {
        var context = new TicketCommandContext(services, parse, workspaceOption);
        try
        {
            return await body(context).ConfigureAwait(false);
        }
        catch (TicketUsageException ex)
        {
            context.Err.WriteLine($"yoi ticket: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            context.Err.WriteLine($"yoi ticket: {ex.Message}");
            return 1;
        }
        finally
        {
            // A mutation that succeeded has handed its notices over even when a later step failed.
            await context.ReportNoticesAsync().ConfigureAwait(false);
            context.Notices.Dispose();
        }
    }

    /// <summary>Waits for the notices (within their budget) and prints one <c>notice TAB pod TAB outcome</c> line each.</summary>
    private async Task ReportNoticesAsync()
    {
        foreach (var notice in await Notices.SettleAsync().ConfigureAwait(false))
            Out.WriteLine($"notice\t{notice.Target}\t{notice.Outcome}");
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
