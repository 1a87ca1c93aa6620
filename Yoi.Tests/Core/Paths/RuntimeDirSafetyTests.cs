using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Paths;

/// <summary>The runtime root and every Pod runtime dir: a symlink, someone else's or a group/other-accessible one is refused.</summary>
public class RuntimeDirSafetyTests
{
    private const UnixFileMode Open755 = RuntimeDirSafety.DirectoryMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Test]
    public void A_missing_pod_dir_and_root_are_created_private()
    {
        using var dir = new TempDir();
        var pod = dir.Combine("run", "deep", "alpha");
        RuntimeDirSafety.EnsureInRoot(pod);
        Assert.That(File.GetUnixFileMode(pod), Is.EqualTo(RuntimeDirSafety.DirectoryMode));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(pod)!), Is.EqualTo(RuntimeDirSafety.DirectoryMode));
    }

    [Test]
    public void A_symlinked_pod_dir_is_refused_and_its_target_is_left_alone()
    {
        using var dir = new TempDir();
        var root = dir.Combine("run");
        RuntimeDirSafety.EnsureInRoot(Path.Combine(root, "other"));
        var victim = dir.Combine("victim");
        Directory.CreateDirectory(victim);
        File.SetUnixFileMode(victim, Open755);
        File.CreateSymbolicLink(Path.Combine(root, "alpha"), victim);

        var ex = Assert.Throws<UnsafeRuntimeDirException>(() => RuntimeDirSafety.EnsureInRoot(Path.Combine(root, "alpha")))!;
        Assert.That(ex.Message, Does.Contain($"{root}/alpha is a symlink (to {victim})").And.Contain("rm "));
        Assert.That(File.GetUnixFileMode(victim), Is.EqualTo(Open755), "the link's target keeps its mode");
    }

    [Test]
    public void A_symlinked_runtime_root_is_refused()
    {
        using var dir = new TempDir();
        var real = dir.Combine("real");
        RuntimeDirSafety.EnsureInRoot(Path.Combine(real, "x"));
        File.CreateSymbolicLink(dir.Combine("run"), real);
        var ex = Assert.Throws<UnsafeRuntimeDirException>(() => RuntimeDirSafety.EnsureInRoot(dir.Combine("run", "alpha")))!;
        Assert.That(ex.Message, Does.Contain($"{dir.Combine("run")} is a symlink").And.Contain("YOI_RUNTIME_DIR"));
        Assert.That(Directory.Exists(Path.Combine(real, "alpha")), Is.False, "nothing was created through the link");
    }

    [Test]
    public void A_group_or_other_accessible_dir_is_refused_with_the_chmod_that_fixes_it()
    {
        using var dir = new TempDir();
        var pod = dir.Combine("run", "alpha");
        RuntimeDirSafety.EnsureInRoot(pod);
        File.SetUnixFileMode(pod, Open755);
        var ex = Assert.Throws<UnsafeRuntimeDirException>(() => RuntimeDirSafety.EnsureInRoot(pod))!;
        Assert.That(ex.Message, Does.Contain("mode 0755, open to group and others").And.Contain($"chmod 700 {pod}"));
        Assert.That(File.GetUnixFileMode(pod), Is.EqualTo(Open755), "refused, not silently repaired");

        File.SetUnixFileMode(pod, RuntimeDirSafety.DirectoryMode);
        File.SetUnixFileMode(Path.GetDirectoryName(pod)!, RuntimeDirSafety.DirectoryMode | UnixFileMode.OtherExecute);
        Assert.That(Assert.Throws<UnsafeRuntimeDirException>(() => RuntimeDirSafety.EnsureInRoot(pod))!.Message, Does.Contain("mode 0701, open to others"));
    }

    [Test]
    public void A_dir_owned_by_another_user_is_refused()
    {
        if (Libc.GetUid() != 0) Assert.Ignore("giving a directory to another uid needs root (the suite runs as root in CI)");
        using var dir = new TempDir();
        var pod = dir.Combine("run", "alpha");
        RuntimeDirSafety.EnsureInRoot(pod);
        Assert.That(YoiProcessChown(pod, "65534:65534"), Is.Zero);
        var ex = Assert.Throws<UnsafeRuntimeDirException>(() => RuntimeDirSafety.EnsureInRoot(pod))!;
        Assert.That(ex.Message, Does.Contain($"{pod} is owned by uid 65534, not by you (uid 0)"));
    }

    [Test]
    public void Pod_run_and_pod_start_refuse_a_symlinked_pod_dir_and_write_nothing_into_its_target()
    {
        using var dir = new TempDir();
        var root = PodProcess.RuntimeDir(dir.Path);
        RuntimeDirSafety.EnsureInRoot(Path.Combine(root, "other"));
        var victim = dir.Combine("victim");
        Directory.CreateDirectory(victim);
        File.SetUnixFileMode(victim, Open755);
        File.CreateSymbolicLink(Path.Combine(root, "linked"), victim);

        using (var pod = PodProcess.Launch(dir.Path, "linked"))
        {
            Assert.That(pod.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
            Assert.That(pod.ExitCode, Is.EqualTo(1));
            Assert.That(pod.Stderr, Does.Contain("is a symlink").And.Not.Contain("   at "));
        }
        var env = new Dictionary<string, string>
        {
            ["YOI_DATA_DIR"] = PodProcess.DataDir(dir.Path),
            ["YOI_RUNTIME_DIR"] = root,
            ["YOI_CONFIG_DIR"] = PodProcess.ConfigDir(dir.Path),
        };
        var start = YoiProcess.Run(["pod", "start", "linked", "--workspace", PodProcess.Workspace(dir.Path)], env, PodProcess.Workspace(dir.Path));
        Assert.That(start.ExitCode, Is.EqualTo(1));
        Assert.That(start.Stderr, Does.Contain("cannot start pod `linked`").And.Contain("is a symlink"));
        Assert.That(Directory.EnumerateFileSystemEntries(victim), Is.Empty, "no socket, pid, status or stderr.log landed in the target");
        Assert.That(File.GetUnixFileMode(victim), Is.EqualTo(Open755), "the target's mode was not changed");
    }

    private static int YoiProcessChown(string path, string owner)
    {
        using var process = System.Diagnostics.Process.Start("chown", [owner, path]);
        process.WaitForExit();
        return process.ExitCode;
    }
}
