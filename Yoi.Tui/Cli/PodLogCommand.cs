using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Runtime;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi pod log &lt;name&gt; [--tail N] [--json] [--follow]</c>: the Pod's current session log, one line per entry;
/// <c>--follow</c> then prints every entry appended to it (polling the file) until interrupted.
/// </summary>
internal sealed class PodLogCommand(YoiServices services)
{
    public Command Create()
    {
        var name = new Argument<string>("name") { Description = "Pod name" };
        var tail = new Option<int?>("--tail") { Description = "Show only the last N entries" };
        var json = new Option<bool>("--json") { Description = "Print the raw JSONL entries" };
        var follow = new Option<bool>("--follow") { Description = "Keep printing entries as the Pod appends them (Ctrl+C stops)" };
        var command = new Command("log", "Show a Pod's session log (what it was told and answered), live or stopped") { name, tail, json, follow };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var pod = PodName.Validate(parse.GetValue(name));
            if (parse.GetValue(tail) is < 0) throw new ArgumentException("--tail must be 0 or more");
            var transcript = PodSessionLog.Read(services.PodStore, pod);
            var count = parse.GetValue(tail) ?? transcript.Entries.Count;
            var entries = transcript.Entries.Skip(Math.Max(0, transcript.Entries.Count - count));
            void Print(Yoi.Core.Protocol.LogEntry entry)
            {
                if (parse.GetValue(json)) parse.Out.Write(System.Text.Encoding.UTF8.GetString(SessionLog.Encode(entry)));
                else
                {
                    var line = PodSessionLog.Describe(entry);
                    parse.Out.WriteLine($"{line.Ts}  {line.Kind,-14} {line.Text}".TrimEnd());
                }
            }
            foreach (var entry in entries) Print(entry);
            if (transcript.Damage is { } damage) parse.Err.WriteLine($"yoi: warning: {damage}");
            if (!parse.GetValue(follow)) return 0;
            parse.Out.Flush();
            var seen = transcript.Entries.Count;
            try
            {
                while (true)
                {
                    await Task.Delay(200, ct);
                    if (!File.Exists(transcript.LogPath)) continue;
                    var now = SessionLog.Read(transcript.LogPath).Entries;
                    for (; seen < now.Count; seen++) Print(now[seen]);
                    parse.Out.Flush();
                }
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }));
        return command;
    }
}
