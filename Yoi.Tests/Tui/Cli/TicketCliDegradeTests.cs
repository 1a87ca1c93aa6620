using Microsoft.Extensions.Time.Testing;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

/// <summary>Degrade, don't hide: broken records and odd id spellings never hide the usable Tickets.</summary>
public partial class TicketCliTests
{
    [Test]
    public void A_broken_record_leaves_list_listing_the_rest_and_strict_exits_3()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var good = CreatedId(Ok("ticket", "create", "--title", "good one", "--workspace", ws));
        var bad = CreatedId(Ok("ticket", "create", "--title", "broken one", "--workspace", ws));
        File.WriteAllText(Path.Combine(ws, ".yoi", "tickets", bad, "item.md"), "---\ntitle: broken\nstate: almost\n---\n");

        var (code, output, error) = Run("ticket", "list", "--workspace", ws);
        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain($"planning\t{good}\tgood one\t"));
        Assert.That(output, Does.Contain($"# invalid record {bad}: ").And.Contain("almost"));
        Assert.That(output, Does.EndWith("# 1 invalid record(s) not listed; run `yoi ticket doctor` for the details and the fix\n"));

        var strict = Run("ticket", "list", "--strict", "--workspace", ws);
        Assert.That(strict.Code, Is.EqualTo(3));
        Assert.That(strict.Out, Does.Contain($"planning\t{good}\t"));
        var json = Run("ticket", "list", "--json", "--strict", "--workspace", ws);
        Assert.That(json.Code, Is.EqualTo(3));
        Assert.That(json.Out, Does.Contain("\"count\": 1").And.Contain($"\"label\": \"{bad}\""));
    }

    [Test]
    public void List_all_has_no_row_limit()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var store = new TicketStore(Path.Combine(ws, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System });
        for (var i = 0; i < 105; i++) store.Create(new NewTicket($"t{i}"));
        var limited = Ok("ticket", "list", "--limit", "500", "--workspace", ws).TrimEnd('\n').Split('\n');
        Assert.That(limited, Has.Length.EqualTo(1 + 100 + 1));
        var all = Ok("ticket", "list", "--all", "--workspace", ws).TrimEnd('\n').Split('\n');
        Assert.That(all, Has.Length.EqualTo(1 + 105));
        Assert.That(Ok("ticket", "list", "--all", "--json", "--workspace", ws), Does.Contain("\"returned\": 105").And.Contain("\"truncated\": false"));
        Assert.That(Run("ticket", "list", "--all", "--limit", "3", "--workspace", ws).Code, Is.EqualTo(2));
    }

    [Test]
    public void Ids_are_accepted_by_unique_prefix_in_any_case()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var store = new TicketStore(Path.Combine(ws, ".yoi", "tickets"), new TicketStoreOptions { Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)) });
        var a = store.Create(new NewTicket("first"));
        var b = store.Create(new NewTicket("second"));
        Assert.That(a[..12], Is.EqualTo(b[..12]), "ids one millisecond apart share a 12-character prefix");

        Assert.That(Ok("ticket", "show", a.ToLowerInvariant(), "--workspace", ws), Does.Contain($"ID: {a}\n"));
        Assert.That(Ok("ticket", "comment", b[..13].ToLowerInvariant(), "--message", "hi", "--workspace", ws), Is.EqualTo($"appended\t{b}\tcomment\n"));
        var c = new TicketStore(Path.Combine(ws, ".yoi", "tickets"), new TicketStoreOptions { Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000)) }).Create(new NewTicket("third"));
        Assert.That(Ok("ticket", "state", c[..6].ToLowerInvariant(), "ready", "--workspace", ws), Is.EqualTo($"state\t{c}\tready\n"));

        var ambiguous = Run("ticket", "show", a[..12].ToLowerInvariant(), "--workspace", ws);
        Assert.That(ambiguous.Code, Is.EqualTo(1));
        Assert.That(ambiguous.Err, Does.Contain($"matches several Tickets ({a}, {b}); type more of the id"));
        var missing = Run("ticket", "show", "zzzz", "--workspace", ws);
        Assert.That((missing.Code, missing.Err), Is.EqualTo((1, $"yoi ticket: ticket zzzz not found under {Path.Combine(ws, ".yoi", "tickets")}; run `yoi ticket list` to see the ids\n")));
    }

    [Test]
    public void Events_record_the_given_author_and_files_carry_no_internal_names()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var id = CreatedId(Ok("ticket", "create", "--title", "authored", "--author", "intake-pod-1", "--workspace", ws));
        Ok("ticket", "comment", id, "--message", "from the agent", "--author", "orchestrator-x", "--workspace", ws);
        var record = new TicketStore(Path.Combine(ws, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System }).Show(id);
        Assert.That(record.Events.Select(e => $"{e.Kind}:{e.Author}"), Is.EqualTo(new[] { "create:intake-pod-1", "comment:orchestrator-x" }));
        var files = File.ReadAllText(Path.Combine(record.Directory, "item.md")) + File.ReadAllText(Path.Combine(record.Directory, "thread.md"));
        Assert.That(files, Does.Not.Contain("LocalTicketBackend").And.Not.Contain("Backend"));

        var refused = Run("ticket", "state", id, "done", "--workspace", ws);
        Assert.That(refused.Code, Is.EqualTo(1));
        Assert.That(refused.Err, Does.Not.Contain("set_workflow_state").And.Not.Contain("APIs").And.Contain("planning -> ready"));
    }
}
