using Yoi.Core.Config;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Config;

public class WorkspaceConfigLoaderTests
{
    private static void Write(TempDir dir, string text)
    {
        Directory.CreateDirectory(dir.Combine(".yoi"));
        File.WriteAllText(dir.Combine(".yoi", "config.json"), text);
    }

    [Test]
    public void Missing_files_give_echo_defaults_and_a_pod_only_panel()
    {
        using var dir = new TempDir();
        var config = WorkspaceConfigLoader.Load(dir.Path, dir.Combine("no-user-config.json"));
        Assert.Multiple(() =>
        {
            Assert.That(config.TicketsRoot, Is.EqualTo(dir.Combine(".yoi", "tickets")));
            Assert.That(config.TicketsEnabled, Is.False);
            Assert.That(config.ProfileFor("intake").Engine, Is.EqualTo("echo"));
            Assert.That(config.Role("orchestrator").Workflow, Is.EqualTo("ticket-orchestrator-routing"));
            Assert.That(config.Autostart, Is.EqualTo(new[] { "companion", "orchestrator" }));
            Assert.That(config.OrchestrationBranch, Is.EqualTo("orchestration"));
        });
    }

    [Test]
    public void The_starter_file_loads_with_comments_and_trailing_commas()
    {
        using var dir = new TempDir();
        Write(dir, StarterConfig.Text);
        var config = WorkspaceConfigLoader.Load(dir.Path, null);
        Assert.That(config.Language, Is.Null);
        Assert.That(config.Profiles.Keys, Is.EqualTo(new[] { "default" }));
    }

    [Test]
    public void Workspace_wins_over_user_config_and_objects_merge()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("user.json"), """
            { "tickets": { "language": "en" },
              "profiles": { "claude": { "engine": "command", "command": ["claude", "-p"] } },
              "roles": { "intake": { "profile": "claude" } } }
            """);
        Write(dir, """{ "tickets": { "language": "ja", "root": "work/tickets" }, "panel": { "autostart": [] } }""");
        var config = WorkspaceConfigLoader.Load(dir.Path, dir.Combine("user.json"));
        Assert.Multiple(() =>
        {
            Assert.That(config.Language, Is.EqualTo("ja"));
            Assert.That(config.TicketsRoot, Is.EqualTo(dir.Combine("work", "tickets")));
            Assert.That(config.ProfileFor("intake").Command, Is.EqualTo(new[] { "claude", "-p" }));
            Assert.That(config.Role("intake").Workflow, Is.EqualTo("ticket-intake-workflow"));
            Assert.That(config.Autostart, Is.Empty);
        });
    }

    [Test]
    public void An_unknown_key_is_a_warning_and_the_rest_of_the_config_applies()
    {
        using var dir = new TempDir();
        Write(dir, """{ "pannel": { "autostart": [] }, "tickets": { "rooot": "x", "root": "work/t" }, "roles": { "investigator": {} }, "panel": { "autostart": [] } }""");
        var config = WorkspaceConfigLoader.Load(dir.Path, null);
        var file = dir.Combine(".yoi", "config.json");
        Assert.That(config.TicketsRoot, Is.EqualTo(dir.Combine("work", "t")));
        Assert.That(config.Autostart, Is.Empty);
        Assert.That(config.Warnings, Is.EqualTo(new[]
        {
            $"{file}: $.pannel: unknown key, ignored; allowed keys here: tickets, orchestration, profiles, roles, panel, worktree",
            $"{file}: $.tickets.rooot: unknown key, ignored; allowed keys here: root, language",
            $"{file}: $.roles.investigator: unknown key, ignored; allowed keys here: companion, orchestrator, intake",
        }));
    }

    [TestCase("""{ "profiles": { "p": { "engine": "magic" } } }""", "$.profiles.p.engine", "unknown engine `magic`")]
    [TestCase("""{ "profiles": { "p": { "engine": "command" } } }""", "$.profiles.p.command", "needs a non-empty")]
    [TestCase("""{ "roles": { "intake": { "profile": "nope" } } }""", "$.roles.intake.profile", "is not defined")]
    [TestCase("""{ "orchestration": { "branch": "refs/heads/x" } }""", "$.orchestration.branch", "short name")]
    [TestCase("""{ "orchestration": { "worktree": "../x" } }""", "$.orchestration.worktree", "relative path")]
    [TestCase("""{ "panel": { "autostart": ["intake"] } }""", "$.panel.autostart[0]", "must be")]
    [TestCase("""{ "tickets": { "root": 3 } }""", "$.tickets.root", "must be a string")]
    [TestCase("""{ "tickets": """, "$", "invalid JSON")]
    public void Bad_config_names_the_file_and_the_json_path(string json, string path, string reason)
    {
        using var dir = new TempDir();
        Write(dir, json);
        var ex = Assert.Throws<ConfigException>(() => WorkspaceConfigLoader.Load(dir.Path, null));
        Assert.That(ex!.File, Is.EqualTo(dir.Combine(".yoi", "config.json")));
        Assert.That(ex.JsonPath, Does.StartWith(path));
        Assert.That(ex.Message, Does.Contain(reason));
    }

    [Test]
    public void A_config_path_that_is_a_directory_is_a_clear_error()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine(".yoi", "config.json"));
        var ex = Assert.Throws<ConfigException>(() => WorkspaceConfigLoader.Load(dir.Path, null));
        Assert.That(ex!.Message, Does.Contain("is a directory"));
    }
}
