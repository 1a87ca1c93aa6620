using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

public class StatusFileTests
{
    private static (RuntimeDir Runtime, StatusFile File, FakeTimeProvider Time, List<string> Warnings) Open(TempDir dir)
    {
        var runtime = new RuntimeDir(dir.Combine("r", "pod"), dir.Combine("r", "pod", "sock"), "pod", "g1");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var warnings = new List<string>();
        return (runtime, new StatusFile(runtime.WriteStatus, time, ex => warnings.Add(ex.Message)), time, warnings);
    }

    private static (string State, int Pending) Read(RuntimeDir runtime)
    {
        var root = JsonDocument.Parse(File.ReadAllText(runtime.StatusPath)).RootElement;
        return (root.GetProperty("state").GetString()!, root.GetProperty("pending_notifications").GetInt32());
    }

    [Test]
    public void The_first_status_and_every_change_of_state_are_written_at_once()
    {
        using var dir = new TempDir();
        var (runtime, status, _, _) = Open(dir);
        using var _ = status;
        status.Publish(PodStatus.Idle, 0);
        Assert.That(Read(runtime), Is.EqualTo(("idle", 0)));
        status.Publish(PodStatus.Running, 0);
        Assert.That(Read(runtime), Is.EqualTo(("running", 0)));
        status.Publish(PodStatus.Idle, 3);
        Assert.That(Read(runtime), Is.EqualTo(("idle", 3)));
    }

    [Test]
    public void Pending_counts_of_a_burst_are_written_once_per_interval_and_the_latest_one_last()
    {
        using var dir = new TempDir();
        var (runtime, status, time, _) = Open(dir);
        using var _ = status;
        status.Publish(PodStatus.Idle, 1);
        for (var pending = 2; pending <= 9; pending++) status.Publish(PodStatus.Idle, pending);
        Assert.That(Read(runtime), Is.EqualTo(("idle", 1)), "counts within the interval wait");

        time.Advance(StatusFile.CountInterval);
        Assert.That(Read(runtime), Is.EqualTo(("idle", 9)), "the latest count once the interval passed");

        time.Advance(StatusFile.CountInterval);
        status.Publish(PodStatus.Idle, 10);
        Assert.That(Read(runtime), Is.EqualTo(("idle", 10)), "a count after a quiet interval is written at once");
    }

    [Test]
    public void After_dispose_an_owed_count_is_not_written_so_a_removed_runtime_dir_stays_removed()
    {
        using var dir = new TempDir();
        var (runtime, status, time, _) = Open(dir);
        status.Publish(PodStatus.Idle, 1);
        status.Publish(PodStatus.Idle, 2);
        status.Dispose();
        Directory.Delete(runtime.Directory, recursive: true);
        time.Advance(StatusFile.CountInterval * 2);
        status.Publish(PodStatus.Running, 2);
        Assert.That(Directory.Exists(runtime.Directory), Is.False);
    }

    [Test]
    public void A_failed_write_is_a_warning_and_the_next_change_is_written()
    {
        using var dir = new TempDir();
        var (runtime, status, _, warnings) = Open(dir);
        using var _ = status;
        File.WriteAllText(dir.Combine("r"), "a file where the runtime directory should be");
        status.Publish(PodStatus.Idle, 0);
        Assert.That(warnings, Has.Count.EqualTo(1));
        File.Delete(dir.Combine("r"));
        status.Publish(PodStatus.Running, 0);
        Assert.That(Read(runtime), Is.EqualTo(("running", 0)));
    }
}
