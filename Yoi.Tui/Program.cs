using Yoi.Core.Engines;
using Yoi.Core.Interop;
using Yoi.Tui.Cli;

// A terminal resize must reach the panel even when whatever started yoi blocked SIGWINCH (`perf record` does, and a
// blocked mask survives exec): the main thread, which lives as long as the process, takes it.
TerminalSignals.AcceptResize();

// The agent launcher runs before anything else is loaded: it only sets up the process group and execs the agent.
if (args.Length > 0 && args[0] == AgentLauncher.Verb) return AgentLauncher.ExecMain(args, Console.Error);
return await YoiCli.RunAsync(args);
