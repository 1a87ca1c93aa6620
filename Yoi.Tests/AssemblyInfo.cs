using System.Runtime.Versioning;
using Yoi.Tests.Bench;
using Yoi.Tests.Core.Engines;
using Yoi.Tests.Reliability;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

[assembly: SupportedOSPlatform("linux")]

// Fixtures run in parallel; the tests of one fixture run one after another. Most tests wait on child processes,
// sockets, git and tmux rather than on the CPU, so four workers keep a 2-core machine busy. A fixture or test that must
// not share the machine is marked [NonParallelizable] with the reason (docs/testing.md lists them).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

// The longest fixtures start first, longest first, so the rest of the parallel shift runs beside them rather than
// leaving one of them to run alone at its end (docs/testing.md, "Where the time goes").
[assembly: StartFirst(typeof(SoakTests), typeof(BenchRunnerTests), typeof(DelegationCliTests), typeof(ClaudePresetE2ETests), typeof(CodexPresetE2ETests))]
