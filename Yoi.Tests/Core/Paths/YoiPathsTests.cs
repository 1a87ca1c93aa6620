using Yoi.Core.Paths;

namespace Yoi.Tests.Core.Paths;

public class YoiPathsTests
{
    private static YoiPaths Resolve(params (string Key, string Value)[] vars) =>
        YoiPaths.From(key => vars.FirstOrDefault(v => v.Key == key).Value);

    [Test]
    public void Explicit_variables_win_over_everything()
    {
        var paths = Resolve(("YOI_CONFIG_DIR", "/c"), ("YOI_DATA_DIR", "/d"), ("YOI_RUNTIME_DIR", "/r"),
            ("YOI_HOME", "/yh"), ("XDG_CONFIG_HOME", "/xc"), ("XDG_RUNTIME_DIR", "/xr"), ("HOME", "/h"));
        Assert.That((paths.Config, paths.Data, paths.Runtime), Is.EqualTo(("/c", "/d", "/r")));
    }

    [Test]
    public void Yoi_home_gives_config_subdir_data_itself_and_run_subdir()
    {
        var paths = Resolve(("YOI_HOME", "/yh"), ("XDG_CONFIG_HOME", "/xc"), ("XDG_RUNTIME_DIR", "/xr"), ("HOME", "/h"));
        Assert.That((paths.Config, paths.Data, paths.Runtime), Is.EqualTo(("/yh/config", "/yh", "/yh/run")));
    }

    [Test]
    public void Xdg_applies_to_config_and_runtime_but_never_to_data()
    {
        var paths = Resolve(("XDG_CONFIG_HOME", "/xc"), ("XDG_RUNTIME_DIR", "/xr"), ("XDG_DATA_HOME", "/xd"), ("HOME", "/h"));
        Assert.That((paths.Config, paths.Data, paths.Runtime), Is.EqualTo(("/xc/yoi", "/h/.yoi", "/xr/yoi")));
    }

    [Test]
    public void Home_is_the_default_for_all_three()
    {
        var paths = Resolve(("HOME", "/h"));
        Assert.That((paths.Config, paths.Data, paths.Runtime), Is.EqualTo(("/h/.config/yoi", "/h/.yoi", "/h/.yoi/run")));
    }

    [Test]
    public void Empty_values_count_as_unset()
    {
        var paths = Resolve(("YOI_CONFIG_DIR", ""), ("YOI_DATA_DIR", ""), ("YOI_RUNTIME_DIR", ""), ("YOI_HOME", ""),
            ("XDG_CONFIG_HOME", ""), ("XDG_RUNTIME_DIR", ""), ("HOME", "/h"));
        Assert.That((paths.Config, paths.Data, paths.Runtime), Is.EqualTo(("/h/.config/yoi", "/h/.yoi", "/h/.yoi/run")));
    }

    [Test]
    public void Nothing_set_is_a_clear_error_naming_the_variables()
    {
        var paths = Resolve();
        Assert.That(paths.DataOrNull, Is.Null);
        var ex = Assert.Throws<YoiPathsException>(() => _ = paths.Data)!;
        Assert.That(ex.Message, Does.Contain("YOI_DATA_DIR").And.Contain("YOI_HOME").And.Contain("HOME"));
        Assert.That(Assert.Throws<YoiPathsException>(() => _ = paths.Runtime)!.Message, Does.Contain("XDG_RUNTIME_DIR"));
        Assert.That(Assert.Throws<YoiPathsException>(() => _ = paths.Config)!.Message, Does.Contain("XDG_CONFIG_HOME"));
    }

    [Test]
    public void Derived_paths_are_composed_under_their_bases()
    {
        var paths = new YoiPaths("/c", "/d", "/r");
        Assert.Multiple(() =>
        {
            Assert.That(paths.UserConfigFile, Is.EqualTo("/c/config.json"));
            Assert.That(paths.PodMetadataPath("a"), Is.EqualTo("/d/pods/a/metadata.json"));
            Assert.That(paths.PodMetadataLockPath("a"), Is.EqualTo("/d/pods/a/.lock"));
            Assert.That(paths.SessionLogPath("s", "g"), Is.EqualTo("/d/sessions/s/g.jsonl"));
            Assert.That(paths.PanelWorkspacesDir, Is.EqualTo("/d/panel/workspaces"));
            Assert.That(paths.PeerIntentsDir, Is.EqualTo("/d/pods/.peer-intents"));
            Assert.That(paths.PodRuntimeDir("a"), Is.EqualTo("/r/a"));
        });
    }

    [Test]
    public void Socket_path_is_inside_the_pod_runtime_dir_when_short()
    {
        Assert.That(new YoiPaths("/c", "/d", "/run/user/0/yoi").PodSocketPath("alpha"), Is.EqualTo("/run/user/0/yoi/alpha/sock"));
    }

    [Test]
    public void Socket_path_over_100_bytes_falls_back_to_the_hashed_name()
    {
        var paths = new YoiPaths("/c", "/d", "/tmp/runtime-dir-of-some-length");
        var name = new string('n', 80);
        var direct = $"/tmp/runtime-dir-of-some-length/{name}/sock";
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(direct), Is.GreaterThan(100));
        Assert.That(paths.PodSocketPath(name), Is.EqualTo($"/tmp/runtime-dir-of-some-length/h/{Fnv1a64.Hex(name)}.sock"));
        Assert.That(paths.PodSocketPath(name), Has.Length.LessThanOrEqualTo(100));
    }

    [Test]
    public void Socket_path_of_exactly_100_bytes_is_kept()
    {
        var runtime = "/tmp/" + new string('r', 100 - "/tmp/".Length - "/p/sock".Length);
        var path = new YoiPaths("/c", "/d", runtime).PodSocketPath("p");
        Assert.That(path, Has.Length.EqualTo(100).And.EndWith("/p/sock"));
    }
}
