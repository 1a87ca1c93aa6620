using Yoi.Core.Hosting;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Yoi.Core.Doctor;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi doctor [--repair] [--json] [--workspace PATH]</c>: Tickets plus local yoi state. Exit 0 when there are no
/// errors (warnings allowed), 1 when there are errors, 2 on usage errors, as <c>yoi ticket doctor</c>.
/// </summary>
internal sealed class DoctorCommand(YoiServices services, WorkspaceOption workspace)
{
    public Command Create()
    {
        var repair = new Option<bool>("--repair")
        {
            Description = "Delete temp files older than a minute, remove stale runtime dirs, roll pending peer intents forward (never touches Tickets or live Pods)",
        };
        var json = CliContext.JsonOption();
        var command = workspace.For(new Command("doctor", "Check Tickets, Pod metadata, claims, leftover temp files, stale runtime dirs and peer intents")
        {
            repair, json,
        });
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var ws = workspace.Of(parse);
            if (!Directory.Exists(ws)) throw new ArgumentException($"workspace {ws} does not exist; pass an existing directory with --workspace");
            var report = await new WorkspaceDoctor(services).RunAsync(ws, parse.GetValue(repair), ct);
            parse.Out.WriteLine(parse.GetValue(json) ? Json(report) : Text(report));
            return report.Ok ? 0 : 1;
        }));
        return command;
    }

    private static string Text(WorkspaceDoctorReport report)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var r in report.Repairs) sb.Append($"repaired: {r.Action}: {r.Path}\n");
        foreach (var f in report.Findings)
            sb.Append($"doctor: {f.SeverityName}: {f.Area}: {f.Reason}\n  path: {f.Path}\n  fix:  {f.Fix}\n");
        foreach (var note in report.Notes) sb.Append($"note: {note}\n");
        sb.Append(report.Findings.Count == 0 ? "doctor: ok" : $"doctor: {report.ErrorCount} error(s), {report.WarningCount} warning(s)");
        return sb.ToString();
    }

    private static string Json(WorkspaceDoctorReport report) => JsonSerializer.Serialize(new DoctorOutput(
        report.Ok, report.ErrorCount, report.WarningCount,
        report.Findings.Select(f => new DoctorFindingOutput(f.Area, f.SeverityName, f.Path, f.Reason, f.Fix, f.Repair != RepairKind.None)).ToList(),
        report.Repairs.Select(r => new DoctorRepairOutput(r.Path, r.Action)).ToList(),
        report.Notes), DoctorJson.Context.DoctorOutput);
}

internal sealed record DoctorOutput(bool Ok, int Errors, int Warnings, IReadOnlyList<DoctorFindingOutput> Findings,
    IReadOnlyList<DoctorRepairOutput> Repaired, IReadOnlyList<string> Notes);

internal sealed record DoctorFindingOutput(string Area, string Severity, string Path, string Reason, string Fix, bool Repairable);

internal sealed record DoctorRepairOutput(string Path, string Action);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DoctorOutput))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;

internal static class DoctorJson
{
    public static readonly DoctorJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = Yoi.Core.Protocol.ProtocolJson.Encoder,
    });
}
