namespace Yoi.Core.Demo;

/// <summary>The demo could not be built; the message names the path or command, the reason and the next step.</summary>
public sealed class DemoException(string message, Exception? inner = null) : YoiException(message, inner);
