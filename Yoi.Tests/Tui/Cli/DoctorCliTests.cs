using System.Text.Json;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class DoctorCliTests
{
    [Test]
    public void Doctor_exits_zero_with_warnings_and_one_with_errors_and_prints_path_reason_and_fix()
    {
        using var dir = new TempDir("yoi-doctor");
        var ws = Directory.CreateDirectory(dir.Combine("ws")).FullName;
        var env = new Dictionary<string, string> { ["YOI_HOME"] = dir.Combine("home") };
        Assert.That(InProcessYoi.Run(env, "init", "--workspace", ws).ExitCode, Is.Zero);
        var id = InProcessYoi.Run(env, "ticket", "--workspace", ws, "create", "--title", "Doctor").Stdout.Trim().Split('\t')[1];
        Assert.That(InProcessYoi.Run(env, "claim", "take", id, "--pod", "ghost", "--workspace", ws).ExitCode, Is.Zero);

        var warned = InProcessYoi.Run(env, "doctor", "--workspace", ws);
        Assert.That(warned.ExitCode, Is.Zero, warned.Stdout + warned.Stderr);
        Assert.That(warned.Stdout, Does.Contain($"doctor: warning: claims: Ticket {id} is claimed by Pod `ghost`")
            .And.Contain("  path: ").And.Contain($"  fix:  reclaim it in the panel").And.EndWith("doctor: 0 error(s), 1 warning(s)\n"));

        var metadata = Path.Combine(dir.Combine("home"), "pods", "ghost", "metadata.json");
        Directory.CreateDirectory(Path.GetDirectoryName(metadata)!);
        File.WriteAllText(metadata, "not json");
        var failed = InProcessYoi.Run(env, "doctor", "--workspace", ws, "--json");
        Assert.That(failed.ExitCode, Is.EqualTo(1), failed.Stderr);
        using var json = JsonDocument.Parse(failed.Stdout);
        Assert.That(json.RootElement.GetProperty("ok").GetBoolean(), Is.False);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("area").GetString() == "pods");
        Assert.That((finding.GetProperty("severity").GetString(), finding.GetProperty("path").GetString()), Is.EqualTo(("error", metadata)));
    }

    [Test]
    public void Doctor_on_a_missing_workspace_is_a_usage_error()
    {
        using var dir = new TempDir("yoi-doctor");
        var result = InProcessYoi.Run(new Dictionary<string, string> { ["YOI_HOME"] = dir.Combine("home") }, "doctor", "--workspace", dir.Combine("nope"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("does not exist").And.Contain("--workspace"));
    }
}
