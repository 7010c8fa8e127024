using OpsCenter.Ingest.Validation;

namespace OpsCenter.Ingest.Tests.Validation;

public class RejectReasonTests
{
    [Fact]
    public void Wire_names_are_the_documented_camel_case_names()
    {
        string[] documented =
        [
            "topic", "tooLarge", "notUtf8", "notJson", "notObject", "duplicateKey", "tooDeep", "missingField", "wrongType",
            "outOfRange", "nonFiniteNumber", "unknownEnum", "deviceIdMismatch", "badTimestamp", "futureTimestamp", "tooOld",
            "unknownDevice", "storeRefused",
        ];

        Assert.Equal(documented, Enum.GetValues<RejectReason>().Select(r => r.ToWire()));
    }

    [Fact]
    public void Wire_names_parse_back()
    {
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            Assert.True(RejectReasonNames.TryParse(reason.ToWire(), out var parsed));
            Assert.Equal(reason, parsed);
        }
        Assert.False(RejectReasonNames.TryParse("TooLarge", out _));
    }
}
