namespace Yoi.Core;

/// <summary>
/// A refusal before anything changed: a workflow's check failed (Queue, Close) or the selection no longer matches
/// current authority. A boundary shows it as rejected (the user can fix the cause and retry) rather than failed.
/// </summary>
public class RefusedException(string message, string? nextStep = null) : YoiException(message, null, nextStep);
