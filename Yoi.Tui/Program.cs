using Yoi.Core.Engines;
using Yoi.Tui.Cli;

// The agent launcher runs before anything else is loaded: it only sets up the process group and execs the agent.
if (args.Length > 0 && args[0] == AgentLauncher.Verb) return AgentLauncher.ExecMain(args, Console.Error);
return await YoiCli.RunAsync(args);
