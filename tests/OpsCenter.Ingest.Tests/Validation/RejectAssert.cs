using OpsCenter.Ingest.Validation;

namespace OpsCenter.Ingest.Tests.Validation;

internal static class RejectAssert
{
    public static void Rejected(RejectReason expected, ValidationResult result)
    {
        Assert.False(result.IsValid, $"expected {expected.ToWire()} but the message was accepted");
        Assert.True(expected == result.Reason, $"expected {expected.ToWire()} but got {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        Assert.Null(result.Reading);
    }
}
