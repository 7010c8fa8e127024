using OpsCenter.Ingest.Validation;

namespace OpsCenter.Ingest.Tests.Validation;

public class ValidatorFuzzTests
{
    [Fact]
    public void Malformed_messages_interleaved_with_valid_ones_are_all_rejected_without_exceptions()
    {
        var validator = new MessageValidator();
        var messages = new MalformedMessages(seed: 20261126);
        int valid = 0, malformed = 0;

        for (var i = 0; i < 15_000; i++)
        {
            var message = i % 3 == 0 ? messages.Valid() : messages.Malformed();
            // Any exception here fails the test: nothing may escape the validator.
            var result = validator.Validate(message.Topic, message.Payload, ContractExamples.Now);

            if (message.Valid)
            {
                valid++;
                Assert.True(result.IsValid, $"#{i} valid message rejected: {result}");
            }
            else
            {
                malformed++;
                Assert.False(result.IsValid, $"#{i} {message.Kind} accepted");
                if (message.Expected is { } expected)
                    Assert.True(expected == result.Reason, $"#{i} {message.Kind}: expected {expected.ToWire()}, got {result}");
            }
        }

        Assert.True(malformed >= 10_000, $"only {malformed} malformed messages");
        Assert.True(valid > 0);
    }
}
