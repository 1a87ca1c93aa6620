using Yoi.Bench;

return BenchRunner.Run(args);
