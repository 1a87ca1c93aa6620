using System.Text;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Diagnostics;

/// <summary>
/// Details that do not belong on screen go to <c>&lt;data&gt;/logs/yoi.log</c>, one timestamped line each
/// (<c>debug</c>, <c>info</c>, <c>warn</c>, <c>error</c>). Best effort: logging never fails an operation.
/// </summary>
public sealed class YoiLog(YoiPaths paths, TimeProvider time)
{
    public void Debug(string message) => Write("debug", message);
    public void Info(string message) => Write("info", message);
    public void Warn(string message) => Write("warn", message);
    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        try
        {
            var ts = Timestamps.Millis(time);
            var line = $"{ts} {level} [{Environment.ProcessId}] {message.ReplaceLineEndings(" ")}\n";
            AtomicFile.AppendDurably(paths.LogFile, Encoding.UTF8.GetBytes(line));
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
        }
    }
}
