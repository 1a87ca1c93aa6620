using System.Diagnostics;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Tui;

/// <summary>
/// The <c>yoi</c> .NET tool package (Yoi.Tui.csproj: PackAsTool, ToolCommandName yoi, PackageId yoi): packed from the
/// build the tests run on, installed with <c>dotnet tool install --tool-path</c> from a local source only (a config that
/// clears every other source, a private packages folder: no registry access), then run.
/// </summary>
[Category("Packaging")]
public class ToolPackageTests
{
    private static (int ExitCode, string Output) Dotnet(string workingDirectory, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo(YoiProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env) start.Environment[k] = v;
        return Run(start, $"dotnet {string.Join(' ', args)}");
    }

    private static (int ExitCode, string Output) Run(ProcessStartInfo start, string what)
    {
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish within 120 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Test]
    public void Packed_tool_installs_from_a_local_source_and_prints_help()
    {
        using var temp = new TempDir("yoi-pack");
        var packages = temp.Combine("pkg");
        // The configuration of the build these tests run on (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var project = Path.Combine(RepoPaths.Root(), "Yoi.Tui", "Yoi.Tui.csproj");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = temp.Combine("nuget-cache"), ["DOTNET_NOLOGO"] = "1" };

        var pack = Dotnet(temp.Path, env, "pack", project, "--no-build", "-c", configuration, "-o", packages, "-nologo",
            $"-p:PublishDir={temp.Combine("publish")}/");
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        Assert.That(File.Exists(Path.Combine(packages, "yoi.0.1.0.nupkg")), Is.True, pack.Output);

        File.WriteAllText(temp.Combine("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var tools = temp.Combine("tools");
        var install = Dotnet(temp.Path, env, "tool", "install", "--tool-path", tools, "--configfile", temp.Combine("nuget.config"), "yoi");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(install.Output, Does.Contain("Tool 'yoi' (version '0.1.0') was successfully installed"));

        var help = Run(new ProcessStartInfo(Path.Combine(tools, "yoi"), "--help")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }, "yoi --help");
        Assert.That(help.ExitCode, Is.Zero, help.Output);
        Assert.That(help.Output, Does.Contain("Usage:").And.Contain("yoi [command] [options]"));
        Assert.That(help.Output, Does.Contain("pod").And.Contain("ticket").And.Contain("claim"));
    }
}
