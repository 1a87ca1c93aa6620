using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]

// Fixtures run in parallel; the tests of one fixture run one after another. Most tests wait on child processes,
// sockets, git and tmux rather than on the CPU, so four workers keep a 2-core machine busy. A fixture or test that must
// not share the machine is marked [NonParallelizable] with the reason (docs/testing.md lists them).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
