using Yoi.Core.Pods;

namespace Yoi.Tests.Support;

/// <summary>
/// The suite's child <c>yoi</c> processes run the build <c>./test.sh</c> names in <c>YOI_TEST_NATIVE_BIN</c> (the
/// native executable), else <c>dotnet yoi.dll</c>: checked on the real processes, through each way the suite starts one.
/// </summary>
public class YoiProcessTests
{
    private static string? NamedNative => Environment.GetEnvironmentVariable(YoiProcess.NativeVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    private static string ExecutableOf(int pid) => new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "";

    private static void AssertRunsTheNamedBuild(int pid)
    {
        var exe = ExecutableOf(pid);
        if (NamedNative is { } native) Assert.That(exe, Is.EqualTo(native), "the child runs the native build YOI_TEST_NATIVE_BIN names");
        else Assert.That(Path.GetFileName(exe), Is.EqualTo("dotnet"), "without YOI_TEST_NATIVE_BIN the child is the dotnet host running yoi.dll");
    }

    [Test]
    public void A_pod_process_runs_the_build_the_suite_names()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha");
        AssertRunsTheNamedBuild(pod.Pid);
    }

    [Test]
    public void A_pod_started_by_in_process_services_runs_the_build_the_suite_names()
    {
        using var world = new YoiWorld();
        var workspace = world.Workspace("ws");
        var start = world.Yoi(workspace, "pod", "start", "alpha");
        Assert.That(start.ExitCode, Is.Zero, start.Stdout + start.Stderr);
        Assert.That(DaemonLock.Holder(world.Paths, "alpha")?.Pid, Is.Not.Null, "the started Pod holds its daemon lock");
        AssertRunsTheNamedBuild(DaemonLock.Holder(world.Paths, "alpha")!.Pid!.Value);
    }

    [Test]
    public void A_cli_child_runs_the_build_the_suite_names()
    {
        var start = YoiProcess.StartInfo(["--version"]);
        if (NamedNative is { } native)
        {
            Assert.That(start.FileName, Is.EqualTo(native));
            Assert.That(start.ArgumentList, Is.EqualTo(new[] { "--version" }));
        }
        else
        {
            Assert.That(start.ArgumentList, Is.EqualTo(new[] { YoiProcess.Dll, "--version" }));
        }
        var result = YoiProcess.Run(["--version"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
    }

    [Test]
    public void A_native_build_named_but_missing_is_refused_with_the_next_step()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"yoi-no-such-{Guid.NewGuid():N}", "yoi");
        var error = Assert.Throws<InvalidOperationException>(() => YoiProcess.ResolveExecutable(missing));
        Assert.That(error!.Message, Does.Contain(YoiProcess.NativeVariable).And.Contain(missing).And.Contain("./test.sh"));
    }

    [Test]
    public void Without_a_named_native_build_the_children_run_the_jit_build_next_to_the_tests()
    {
        var jit = YoiProcess.ResolveExecutable(null);
        Assert.That(jit.PrefixArguments, Is.EqualTo(new[] { YoiProcess.Dll }));
        Assert.That(File.Exists(YoiProcess.Dll), Is.True);
    }
}
