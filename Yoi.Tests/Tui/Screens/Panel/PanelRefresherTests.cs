using System.Collections.Concurrent;
using Yoi.Core.Panel;
using Yoi.Tests.Support;
using Yoi.Tui.Screens.Panel;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelRefresherTests
{
    private sealed class Recorder
    {
        private int _inFlight;
        private int _maxInFlight;

        public ConcurrentQueue<PanelReloadMode> Modes { get; } = new();
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
        public int Delivered;

        public async Task<PanelModel> ReloadAsync(PanelReloadMode mode, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int max;
            while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
            {
            }
            Modes.Enqueue(mode);
            await Task.Delay(80, ct);
            Interlocked.Decrement(ref _inFlight);
            return PanelModels.Small();
        }

        public void Deliver(PanelModel model) => Interlocked.Increment(ref Delivered);
    }

    [Test, CancelAfter(10_000)]
    public void The_first_reload_ensures_later_ones_observe_and_requests_coalesce_without_overlap()
    {
        var recorder = new Recorder();
        using var refresher = new PanelRefresher(recorder.ReloadAsync, recorder.Deliver, interval: TimeSpan.FromHours(1));
        refresher.Start([]);
        Poll.Until(() => refresher.Reloads >= 1, TimeSpan.FromSeconds(5), "the startup reload");
        for (var i = 0; i < 20; i++) refresher.RequestNow();
        Poll.Until(() => refresher.Reloads >= 2, TimeSpan.FromSeconds(5), "a requested reload");
        Poll.Until(() => Volatile.Read(ref recorder.Delivered) == refresher.Reloads, TimeSpan.FromSeconds(5), "every model delivered");
        var modes = recorder.Modes.ToArray();
        Assert.That(modes[0], Is.EqualTo(PanelReloadMode.Ensure));
        Assert.That(modes.Skip(1), Is.All.EqualTo(PanelReloadMode.Observe));
        Assert.That(refresher.Reloads, Is.LessThanOrEqualTo(3), "twenty requests coalesce into one or two reloads");
        Assert.That(recorder.MaxInFlight, Is.EqualTo(1), "reloads never overlap");
    }

    [Test, CancelAfter(10_000)]
    public void A_file_change_under_a_watched_directory_triggers_a_reload()
    {
        using var dir = new TempDir("yoi-refresh");
        var recorder = new Recorder();
        using var refresher = new PanelRefresher(recorder.ReloadAsync, recorder.Deliver, interval: TimeSpan.FromHours(1));
        refresher.Start([dir.Path, dir.Combine("missing")]);
        Poll.Until(() => refresher.Reloads >= 1, TimeSpan.FromSeconds(5), "the startup reload");
        Directory.CreateDirectory(dir.Combine("T1"));
        File.WriteAllText(dir.Combine("T1", "item.md"), "---\ntitle: x\n---\n");
        Poll.Until(() => refresher.Reloads >= 2, TimeSpan.FromSeconds(5), "a reload after the file change");
    }

    [Test, CancelAfter(10_000)]
    public void Reloads_repeat_on_the_interval()
    {
        var recorder = new Recorder();
        using var refresher = new PanelRefresher(recorder.ReloadAsync, recorder.Deliver, interval: TimeSpan.FromMilliseconds(50));
        refresher.Start([]);
        Poll.Until(() => refresher.Reloads >= 3, TimeSpan.FromSeconds(5), "periodic reloads");
        Assert.That(recorder.MaxInFlight, Is.EqualTo(1));
    }
}
