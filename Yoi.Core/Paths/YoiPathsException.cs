namespace Yoi.Core.Paths;

/// <summary>A directory could not be resolved from the environment.</summary>
public sealed class YoiPathsException(string message) : YoiException(message);
