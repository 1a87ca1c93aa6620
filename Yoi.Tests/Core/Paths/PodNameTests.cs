using Yoi.Core.Paths;

namespace Yoi.Tests.Core.Paths;

public class PodNameTests
{
    [TestCase("/home/hare/Projects/yoi", "yoi")]
    [TestCase("/tmp/Yoi Workspace", "yoi-workspace")]
    [TestCase("/tmp/.strange_日本語!!", "strange")]
    [TestCase("/tmp/___", "workspace")]
    [TestCase("/tmp/a--b..c", "a-b..c")]
    public void Legacy_companion_name_is_the_sanitized_basename(string workspace, string expected) =>
        Assert.That(PodName.LegacyCompanion(workspace), Is.EqualTo(expected));

    [TestCase("/home/hare/Projects/yoi", "yoi-98a760")]
    [TestCase("/tmp/Yoi Workspace", "yoi-workspace-1ddd47")]
    [TestCase("/tmp/___", "workspace-ed5d9e")]
    public void Companion_name_is_the_sanitized_basename_plus_6_hex_of_the_path_digest(string workspace, string expected) =>
        Assert.That(PodName.Companion(workspace), Is.EqualTo(expected));

    [Test]
    public void Two_clones_with_the_same_folder_name_get_different_companions_and_orchestrators()
    {
        Assert.That(PodName.Companion("/home/a/src/app"), Is.EqualTo("app-337c14"));
        Assert.That(PodName.Companion("/home/a/work/app"), Is.EqualTo("app-49b10c"));
        Assert.That(PodName.Orchestrator("/home/a/src/app"), Is.EqualTo("app-337c14-orchestrator"));
        Assert.That(PodName.Orchestrator("/home/a/work/app"), Is.EqualTo("app-49b10c-orchestrator"));
    }

    [TestCase("/home/hare/Projects/yoi", "yoi-orchestrator")]
    [TestCase("/tmp/___", "workspace-orchestrator")]
    public void Legacy_orchestrator_name_adds_the_suffix(string workspace, string expected) =>
        Assert.That(PodName.LegacyOrchestrator(workspace), Is.EqualTo(expected));

    [Test]
    public void Long_names_keep_the_hash_and_fit_80_with_the_orchestrator_suffix()
    {
        var workspace = "/tmp/" + new string('x', 120);
        Assert.That(PodName.Companion(workspace), Is.EqualTo(new string('x', 60) + "-58c95f"));
        var orchestrator = PodName.Orchestrator(workspace);
        Assert.That(orchestrator, Is.EqualTo(new string('x', 60) + "-58c95f-orchestrator"));
        Assert.That(orchestrator, Has.Length.EqualTo(80));
        Assert.That(PodName.IsValid(orchestrator), Is.True);
        Assert.That(PodName.LegacyOrchestrator(workspace), Is.EqualTo(new string('x', 67) + "-orchestrator"));
    }

    [Test]
    public void Intake_names_use_the_sanitized_ticket_id_or_hex_nanoseconds()
    {
        Assert.That(PodName.IntakeForTicket("00001KV09WYC6"), Is.EqualTo("ticket-intake-00001kv09wyc6"));
        Assert.That(PodName.IntakePreTicket(0x18a2b3c4d5e6f7L), Is.EqualTo("ticket-intake-18a2b3c4d5e6f7"));
    }

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase("a\0b")]
    [TestCase("a\nb")]
    public void Invalid_names_are_refused_with_a_reason(string name)
    {
        Assert.That(PodName.Problem(name), Is.Not.Null);
        var ex = Assert.Throws<ArgumentException>(() => PodName.Validate(name))!;
        Assert.That(ex.Message, Does.Contain("use up to 80 characters"));
    }

    [Test]
    public void Names_over_80_characters_are_refused_and_80_is_accepted()
    {
        Assert.That(PodName.IsValid(new string('a', 80)), Is.True);
        Assert.That(PodName.Problem(new string('a', 81)), Does.Contain("longer than 80"));
    }

    [TestCase("alpha")]
    [TestCase("ticket-intake-00001kv09wyc6")]
    [TestCase("日本語")]
    public void Ordinary_names_are_valid(string name) => Assert.That(PodName.IsValid(name), Is.True);
}
