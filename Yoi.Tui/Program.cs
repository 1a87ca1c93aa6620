using Yoi.Tui.Cli;

return await YoiCli.RunAsync(args);
