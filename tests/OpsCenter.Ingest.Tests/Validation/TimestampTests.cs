using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

public class TimestampTests
{
    private readonly MessageValidator _validator = new();

    [Theory]
    [InlineData("2026-11-26T08:15:00+07:00", "2026-11-26T01:15:00Z")]
    [InlineData("2026-11-26T01:15:00Z", "2026-11-26T01:15:00Z")]
    [InlineData("2026-11-26t01:15:00z", "2026-11-26T01:15:00Z")]
    [InlineData("2026-11-26T01:15:00.123456789Z", "2026-11-26T01:15:00.1234567Z")]
    [InlineData("2026-11-25T20:45:00-04:30", "2026-11-26T01:15:00Z")]
    [InlineData("2026-11-26T01:15:00.5+00:00", "2026-11-26T01:15:00.5Z")]
    public void Accepts_rfc3339_with_an_offset(string ts, string utc)
    {
        var result = _validator.Validate(Status.Topic, Status.With("ts", ts), Now);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), result.Reading.Ts);
    }

    [Theory]
    [InlineData("2026-11-26T08:15:00")]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-26 08:15:00+07:00")]
    [InlineData("2026-11-26T08:15+07:00")]
    [InlineData("2026-11-26T08:15:00+0700")]
    [InlineData("2026-11-26T08:15:00+07")]
    [InlineData("2026-02-30T08:15:00Z")]
    [InlineData("2026-11-26T24:00:00Z")]
    [InlineData("2026-11-26T08:15:60Z")]
    [InlineData("2026-11-26T08:15:00.Z")]
    [InlineData("2026-11-26T08:15:00+15:00")]
    [InlineData("26-11-2026T08:15:00Z")]
    [InlineData("Thu, 26 Nov 2026 08:15:00 +0700")]
    [InlineData("")]
    public void Rejects_timestamps_that_are_not_rfc3339_with_offset(string ts) =>
        RejectAssert.Rejected(RejectReason.BadTimestamp, _validator.Validate(Status.Topic, Status.With("ts", ts), Now));

    [Theory]
    [InlineData("1764140100000")]
    [InlineData("null")]
    public void Rejects_timestamps_that_are_not_strings(string raw) =>
        RejectAssert.Rejected(RejectReason.BadTimestamp, _validator.Validate(Status.Topic, Status.WithRaw("ts", raw), Now));

    [Fact]
    public void Accepts_up_to_five_minutes_ahead_and_rejects_further()
    {
        Assert.True(At(Now.AddMinutes(5)).IsValid);
        RejectAssert.Rejected(RejectReason.FutureTimestamp, At(Now.AddMinutes(5).AddSeconds(1)));
        RejectAssert.Rejected(RejectReason.FutureTimestamp, At(Now.AddYears(1)));
    }

    [Fact]
    public void Accepts_late_data_up_to_seven_days_and_rejects_older()
    {
        Assert.True(At(Now.AddDays(-7)).IsValid);
        RejectAssert.Rejected(RejectReason.TooOld, At(Now.AddDays(-7).AddSeconds(-1)));
    }

    [Fact]
    public void Marks_readings_older_than_the_late_threshold_as_late()
    {
        Assert.False(At(Now.AddMinutes(-2)).Reading!.Late);
        Assert.True(At(Now.AddMinutes(-2).AddSeconds(-1)).Reading!.Late);
        Assert.True(At(Now.AddDays(-6)).Reading!.Late);
        Assert.False(At(Now.AddMinutes(4)).Reading!.Late);
    }

    [Fact]
    public void Late_threshold_is_configurable()
    {
        var validator = new MessageValidator(TimeSpan.FromSeconds(10));
        var result = validator.Validate(Status.Topic, Status.With("ts", Now.AddSeconds(-11).ToString("O")), Now);

        Assert.True(result.Reading!.Late);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageValidator(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Due_date_must_be_rfc3339_with_offset()
    {
        var example = Get("counter-event-caseReceived");

        RejectAssert.Rejected(RejectReason.BadTimestamp, _validator.Validate(example.Topic, example.With("dueAt", "2026-12-03"), Now));
    }

    private ValidationResult At(DateTimeOffset ts) =>
        _validator.Validate(Status.Topic, Status.With("ts", ts.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture)), Now);
}
