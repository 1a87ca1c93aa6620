namespace Yoi.Core.Config;

/// <summary>The configuration is unusable: the message names the file, the JSON path and the fix.</summary>
public sealed class ConfigException(string file, string jsonPath, string reason)
    : YoiException($"{file}: {jsonPath}: {reason}")
{
    public string File { get; } = file;

    public string JsonPath { get; } = jsonPath;

    public string Reason { get; } = reason;
}
