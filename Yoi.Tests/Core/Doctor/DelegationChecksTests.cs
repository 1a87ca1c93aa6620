using Yoi.Core.Hosting;
using Yoi.Core.Delegation;
using Yoi.Core.Doctor;
using Yoi.Core.Git;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Doctor;

/// <summary>`yoi doctor`'s child-worktree checks on a real git repository: what it reports and what --repair removes.</summary>
public class DelegationChecksTests
{
    [Test]
    public async Task Doctor_reports_orphan_worktrees_missing_worktrees_and_merged_branches_and_repairs_only_the_safe_ones()
    {
        using var dir = new TempDir("yoi-deleg-doctor");
        var workspace = WorkspaceKey.Canonicalize(Directory.CreateDirectory(Path.Combine(dir.Path, "repo")).FullName);
        var paths = new YoiPaths(Path.Combine(dir.Path, "c"), Path.Combine(dir.Path, "d"), Path.Combine(dir.Path, "r"));
        TestRepository.Init(workspace, "T", "t@example.invalid");
        File.WriteAllText(Path.Combine(workspace, "f.txt"), "x\n");
        Git(workspace, "add", "-A");
        Git(workspace, "commit", "-q", "-m", "initial");
        var orphan = Path.Combine(workspace, ".worktree", "orphan");
        var dirty = Path.Combine(workspace, ".worktree", "dirty");
        Git(workspace, "worktree", "add", "-q", "-b", "work/orphan", orphan, "HEAD");
        Git(workspace, "worktree", "add", "-q", "-b", "work/dirty", dirty, "HEAD");
        File.WriteAllText(Path.Combine(dirty, "wip.txt"), "unsaved\n");
        Git(workspace, "branch", "work/old");
        Git(workspace, "branch", "work/ahead");
        var store = new PodMetadataStore(paths, TimeProvider.System);
        store.Update("lost", _ => new PodMetadata
        {
            PodName = "lost", WorkspaceRoot = workspace,
            Delegation = new ChildDelegation("boss", Path.Combine(workspace, ".worktree", "lost"), "work/lost", "main", "abc"),
        });
        File.WriteAllText(Path.Combine(workspace, "f.txt"), "y\n");
        Git(workspace, "commit", "-q", "-am", "main moves on");
        Git(workspace, "checkout", "-q", "work/ahead");
        File.WriteAllText(Path.Combine(workspace, "g.txt"), "g\n");
        Git(workspace, "add", "g.txt");
        Git(workspace, "commit", "-q", "-m", "unmerged");
        Git(workspace, "checkout", "-q", "main");
        var doctor = new WorkspaceDoctor(YoiProcess.Services(paths));

        var before = (await doctor.RunAsync(workspace, repair: false)).Findings.Where(f => f.Area == "delegation").ToList();

        Assert.That(before.Select(f => f.Reason), Is.EquivalentTo(new[]
        {
            $"child Pod `lost` has no worktree: {Path.Combine(workspace, ".worktree", "lost")} is gone",
            "worktree on work/orphan belongs to no Pod (clean, branch merged)",
            "worktree on work/dirty belongs to no Pod (it has uncommitted changes)",
            "branch work/old is merged but was not removed",
        }), "work/ahead has unmerged commits and is not reported as merged");

        var report = await doctor.RunAsync(workspace, repair: true);

        Assert.That(report.Repairs.Select(r => r.Action), Is.EquivalentTo(new[]
        {
            "removed the orphan worktree and its merged branch work/orphan", "deleted the merged branch work/old",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(orphan), Is.False);
            Assert.That(File.ReadAllText(Path.Combine(dirty, "wip.txt")), Is.EqualTo("unsaved\n"), "a dirty worktree is never removed");
            Assert.That(Git(workspace, "branch", "--list", "work/*").Split('\n').Select(b => b.Trim(' ', '*', '+')), Is.EquivalentTo(new[] { "work/ahead", "work/dirty" }));
            Assert.That(report.Findings.Where(f => f.Area == "delegation").Select(f => f.Repair), Is.All.EqualTo(RepairKind.None));
        });
    }

    private static string Git(string dir, params string[] args)
    {
        var result = GitCli.RunAsync(dir, args).GetAwaiter().GetResult();
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', args)}: {result.Message}");
        return result.Stdout;
    }
}
