using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>Counter events require extra fields per type (the contract's table).</summary>
public class CounterEventTests
{
    private readonly MessageValidator _validator = new();

    [Theory]
    [InlineData("ticketIssued", "ticketId")]
    [InlineData("ticketIssued", "serviceId")]
    [InlineData("ticketCalled", "ticketId")]
    [InlineData("ticketCalled", "counterNo")]
    [InlineData("ticketServed", "ticketId")]
    [InlineData("ticketNoShow", "ticketId")]
    [InlineData("caseReceived", "caseId")]
    [InlineData("caseReceived", "serviceId")]
    [InlineData("caseReceived", "channel")]
    [InlineData("caseReceived", "dueAt")]
    [InlineData("caseResolved", "caseId")]
    [InlineData("rating", "score")]
    public void Rejects_an_event_missing_a_field_its_type_requires(string type, string field)
    {
        var example = Get($"counter-event-{type}");
        var result = _validator.Validate(example.Topic, example.Without(field), Now);

        RejectAssert.Rejected(RejectReason.MissingField, result);
        Assert.Contains($"'{field}'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_needs_a_ticket_or_a_case()
    {
        var rating = Get("counter-event-rating");
        var withCase = rating.Node;
        withCase.Remove("ticketId");
        withCase["caseId"] = "HS-2026-000123";

        RejectAssert.Rejected(RejectReason.MissingField, _validator.Validate(rating.Topic, rating.Without("ticketId"), Now));
        Assert.True(_validator.Validate(rating.Topic, System.Text.Encoding.UTF8.GetBytes(withCase.ToJsonString()), Now).IsValid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    public void Rating_score_is_between_1_and_5(string score)
    {
        var rating = Get("counter-event-rating");

        RejectAssert.Rejected(RejectReason.OutOfRange, _validator.Validate(rating.Topic, rating.WithRaw("score", score), Now));
    }

    [Fact]
    public void Stores_the_event_type_and_the_ticket_fields()
    {
        var example = Get("counter-event-ticketCalled");
        var reading = _validator.Validate(example.Topic, example.Payload, Now).Reading!;

        Assert.Equal("ticketCalled", reading.EventType);
        Assert.Equal("A-017", reading.Texts["ticketId"]);
        Assert.Equal(3, reading.Numbers["counterNo"]);
    }

    [Fact]
    public void Ticket_ids_longer_than_128_characters_are_out_of_range()
    {
        var example = Get("counter-event-ticketServed");

        RejectAssert.Rejected(RejectReason.OutOfRange, _validator.Validate(example.Topic, example.With("ticketId", new string('A', 129)), Now));
    }
}
