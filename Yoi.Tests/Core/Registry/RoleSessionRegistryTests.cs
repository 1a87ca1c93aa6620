using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Yoi.Core.Claims;
using Yoi.Core.Registry;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Registry;

public class RoleSessionRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 13, 10, 54, 31, 814, TimeSpan.Zero);

    [Test]
    public void A_missing_registry_reads_as_empty_for_this_workspace()
    {
        using var world = new RolesWorld();
        var document = new RoleSessionRegistry(world.Location, TimeProvider.System).Read();
        Assert.That(document.Version, Is.EqualTo(1));
        Assert.That(document.WorkspaceRoot, Is.EqualTo(world.Workspace));
        Assert.That(document.Sessions, Is.Empty);
    }

    [Test]
    public void Upsert_keeps_created_at_moves_updated_at_overwrites_role_and_unions_related_tickets()
    {
        using var world = new RolesWorld();
        var time = new FakeTimeProvider(T0);
        var registry = new RoleSessionRegistry(world.Location, time);
        registry.Upsert("ticket-intake-b", "intake", SessionOrigin.TicketClaim, null, [new RelatedTicket("00001KV09WYC6", "slug-b")]);
        time.SetUtcNow(T0.AddSeconds(5));
        var updated = registry.Upsert("ticket-intake-b", "planner", SessionOrigin.RoleLaunch, "sess-1",
            [new RelatedTicket("00001KST95VPR"), new RelatedTicket("00001KV09WYC6", "slug-b"), new RelatedTicket("00001KST95VPR", "")]);

        Assert.That(updated.CreatedAt, Is.EqualTo("2026-06-13T10:54:31.814Z"));
        Assert.That(updated.UpdatedAt, Is.EqualTo("2026-06-13T10:54:36.814Z"));
        Assert.That(updated.Role, Is.EqualTo("planner"));
        Assert.That(updated.Origin, Is.EqualTo(SessionOrigin.RoleLaunch));
        Assert.That(updated.SessionId, Is.EqualTo("sess-1"));
        Assert.That(updated.RelatedTickets, Is.EqualTo(new[] { new RelatedTicket("00001KST95VPR"), new RelatedTicket("00001KV09WYC6", "slug-b") }));
        Assert.That(registry.Read().Sessions["ticket-intake-b"], Is.EqualTo(updated));
    }

    [Test]
    public void The_file_is_pretty_json_with_sorted_sessions_snake_case_fields_and_a_trailing_newline()
    {
        using var world = new RolesWorld();
        var registry = new RoleSessionRegistry(world.Location, new FakeTimeProvider(T0));
        registry.Upsert("ticket-intake-z", "intake", SessionOrigin.PreTicketIntake, "", []);
        registry.Upsert("ticket-intake-a", "intake", SessionOrigin.TicketClaim, null, [new RelatedTicket("00001KV09WYC6", "fix-x")]);

        var text = File.ReadAllText(world.Location.SessionsFile);
        Assert.That(text, Is.EqualTo($$"""
            {
              "version": 1,
              "workspace_root": "{{world.Workspace}}",
              "sessions": {
                "ticket-intake-a": {
                  "role": "intake",
                  "pod_name": "ticket-intake-a",
                  "origin": "ticket_claim",
                  "created_at": "2026-06-13T10:54:31.814Z",
                  "updated_at": "2026-06-13T10:54:31.814Z",
                  "related_tickets": [
                    {
                      "id": "00001KV09WYC6",
                      "slug": "fix-x"
                    }
                  ]
                },
                "ticket-intake-z": {
                  "role": "intake",
                  "pod_name": "ticket-intake-z",
                  "origin": "pre_ticket_intake",
                  "created_at": "2026-06-13T10:54:31.814Z",
                  "updated_at": "2026-06-13T10:54:31.814Z",
                  "related_tickets": []
                }
              }
            }

            """));
        Assert.That(Directory.GetFiles(world.Location.Directory).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void A_corrupt_registry_is_a_typed_error_with_path_and_reason_and_is_never_overwritten()
    {
        using var world = new RolesWorld();
        Directory.CreateDirectory(world.Location.Directory);
        File.WriteAllText(world.Location.SessionsFile, "{\"version\":1,\"sessions\":{\"p\":");
        var registry = new RoleSessionRegistry(world.Location, TimeProvider.System);

        var read = Assert.Throws<RegistryException>(() => registry.Read())!;
        Assert.That(read.FilePath, Is.EqualTo(world.Location.SessionsFile));
        Assert.That(read.Message, Does.Contain(world.Location.SessionsFile).And.Contain("move it aside"));
        Assert.That(read.Reason, Is.Not.Empty);
        Assert.Throws<RegistryException>(() => registry.Upsert("p", "intake", SessionOrigin.RoleLaunch, null, []));
        Assert.That(File.ReadAllText(world.Location.SessionsFile), Is.EqualTo("{\"version\":1,\"sessions\":{\"p\":"));
    }

    [TestCase("{\"version\":2,\"sessions\":{}}", "unsupported version 2")]
    [TestCase("{\"version\":1,\"sessions\":{\"a\":{\"role\":\"intake\",\"pod_name\":\"b\",\"origin\":\"ticket_claim\",\"created_at\":\"x\",\"updated_at\":\"x\"}}}", "does not match")]
    [TestCase("{\"version\":1,\"sessions\":{\"a\":{\"role\":\"intake\",\"pod_name\":\"a\",\"origin\":\"nope\",\"created_at\":\"x\",\"updated_at\":\"x\"}}}", "")]
    [TestCase("null", "null")]
    public void Registry_files_of_the_wrong_shape_are_refused_with_the_reason(string text, string reason)
    {
        using var world = new RolesWorld();
        Directory.CreateDirectory(world.Location.Directory);
        File.WriteAllText(world.Location.SessionsFile, text);
        var ex = Assert.Throws<RegistryException>(() => new RoleSessionRegistry(world.Location, TimeProvider.System).Read())!;
        Assert.That(ex.Reason, Does.Contain(reason));
    }

    [Test]
    public void Unknown_fields_in_the_registry_are_tolerated()
    {
        using var world = new RolesWorld();
        Directory.CreateDirectory(world.Location.Directory);
        File.WriteAllText(world.Location.SessionsFile, """
            {"version":1,"workspace_root":"/x","future":true,"sessions":{"a":{"role":"intake","pod_name":"a","origin":"role_launch",
             "created_at":"1","updated_at":"2","extra":[1]}}}
            """);
        var sessions = new RoleSessionRegistry(world.Location, TimeProvider.System).Sessions();
        Assert.That(sessions.Single().RelatedTickets, Is.Empty);
    }

    [Test]
    public void A_process_killed_while_holding_the_registry_lock_does_not_block_the_next_updater()
    {
        using var world = new RolesWorld();
        Directory.CreateDirectory(world.Location.Directory);
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", world.Location.LockFile, "sleep", "30"]))!;
        Poll.Until(() => !FileLock.IsFree(world.Location.LockFile), TimeSpan.FromSeconds(5), "the child to hold role-sessions.lock");
        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();

        var registry = new RoleSessionRegistry(world.Location, TimeProvider.System);
        registry.Upsert("ticket-intake-a", "intake", SessionOrigin.PreTicketIntake, null, []);
        Assert.That(registry.Read().Sessions.Keys, Is.EqualTo(new[] { "ticket-intake-a" }));
    }

    [Test]
    public void Concurrent_upserts_from_many_threads_lose_no_session()
    {
        using var world = new RolesWorld();
        var registry = new RoleSessionRegistry(world.Location, TimeProvider.System);
        Parallel.For(0, 12, i => registry.Upsert($"pod-{i:00}", "intake", SessionOrigin.RoleLaunch, null, [new RelatedTicket($"T{i}")]));
        Assert.That(registry.Sessions().Select(s => s.PodName), Is.EqualTo(Enumerable.Range(0, 12).Select(i => $"pod-{i:00}")));
    }
}
